// The review queue from the keyboard: n (or j) for the next incident to review, p (or k) for the previous.
// Keys typed into a field (a note, a search) are the field's, not the queue's.
document.addEventListener('keydown', function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || event.repeat) return;
    const target = event.target;
    if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
    const button = {n: 'review-next', j: 'review-next', p: 'review-prev', k: 'review-prev'}[event.key];
    const element = button && document.getElementById(button);
    if (element) {
        event.preventDefault();
        element.click();
    }
});
