"""Every component id of the dashboard, named once (layout, callbacks and browser tests import them)."""

from geomap.io.export import FORMATS

URL = "url"
BOOT = "boot"  # set by the layout function: triggers restoring the view from the URL
CATALOG = "catalog"  # filter choices and date bounds, read once per page load
MAP_VIEW = "map-view"  # {"lat", "lon", "zoom"} of the map as the user left it
MAP_DATA = "map-data"  # what the map draws for the filters: every placement over all dates, or a drawn map
MAP_DRAWN = "map-drawn"  # {"mode", "zoom"}: how the last MAP_DATA was made (a pan need not ask again)
SETTLED_WINDOW = "settled-window"  # the slider's window once Play is not running: what server views follow
SELECTED = "selected-incident"
VIEW_FOLLOW = "view-follow"  # the incident the map last eased to (a grid row picked off screen)

HEADER = "header"
WORKSPACE = "workspace"
FILTERS = "filters"  # the filters and layers column, shown and hidden by FILTERS_TOGGLE
FILTERS_TOGGLE = "filters-toggle"
EMPTY_NOTICE = "empty-notice"  # what an empty store shows over the map, with the command that fills it
LEGEND = "legend"
LEGEND_OUTLINE = "legend-outline"  # the legend's entry naming the conflict outline the map draws
COUNT = "shown-count"
EXPORT_TOOLBAR = "export-toolbar"  # download buttons for the filtered view and the briefing
EXPORT_BUTTONS = {fmt: f"export-{fmt}" for fmt in FORMATS}  # one download button per export format
EXPORT_DOWNLOAD = "export-download"
EXPORT_STATUS = "export-status"
BRIEFING_TITLE = "briefing-title"
BRIEFING_STATIC = "briefing-static"  # ["static"] when the briefing should add the PNG and PDF
BRIEFING = "briefing"
BRIEFING_DOWNLOAD = "briefing-download"

SEARCH = "filter-search"
EVENT_TYPES = "filter-event-types"
CLAIMANTS = "filter-claimants"
PUBLISHERS = "filter-publishers"
GEO_PRECISION = "filter-geo-precision"
TIME_PRECISION = "filter-time-precision"
VERIFICATION = "filter-verification"
LAYERS = "layers"
TILES = "online-tiles"
RESET = "reset-filters"

MAP = "map"
SHOWN_PLACES = "shown-places"  # a visually hidden list of the place names on the map
UNMAPPED = "unmapped"
UNMAPPED_ITEM = "unmapped-item"  # pattern-matching id type: {"type": UNMAPPED_ITEM, "id": incident id}

DATE_SLIDER = "date-slider"
DATE_LABEL = "date-label"
NO_DATES = "no-dates"  # the note that stands in for the slider when no incident has a date
PLAY = "play"
SPEED = "play-speed"
TICKER = "play-ticker"
TIMELINE = "timeline"

DETAILS = "details"
TABLE = "incident-table"
TABLE_NOTE = "incident-table-note"
CREDITS = "credits"

# Analyst review (geomap.dashboard.review_panel): the panel, its controls, the queue
REVIEW_PANEL = "review-panel"
REVIEW_SUMMARY = "review-summary"  # status, note, what was extracted
REVIEW_STAMP = "review-stamp"  # counts the reviews this page wrote: the views that show them redraw
REVIEW_NEXT = "review-next"  # the review queue, also keys n and p
REVIEW_PREV = "review-prev"
REVIEW_QUEUE_LEFT = "review-queue-left"
REVIEW_NOTE = "review-note"
REVIEW_CONFIRM = "review-confirm"
REVIEW_REJECT = "review-reject"
REVIEW_PLACE = "review-place"
REVIEW_MOVE = "review-move"
REVIEW_TYPE = "review-type"
REVIEW_DAY = "review-day"
REVIEW_KILLED = "review-killed"
REVIEW_WOUNDED = "review-wounded"
REVIEW_SET = "review-set"
REVIEW_MERGE_WITH = "review-merge-with"
REVIEW_MERGE = "review-merge"
REVIEW_SPLIT_SOURCE = "review-split-source"
REVIEW_SPLIT = "review-split"
REVIEW_MESSAGE = "review-message"
REVIEW_FILTER = "filter-review"  # reviewed / unreviewed / rejected / changed since review
AS_OF = "filter-as-of"  # the map as known on a day
