// The assessor's queue: when J/K or the arrows mark another row, keep that row in sight in the scrolling pane.
// Watching the attribute keeps this free of the server: Blazor sets aria-current, the browser scrolls.
(() => {
    new MutationObserver(mutations => {
        for (const mutation of mutations) {
            const row = mutation.target;
            if (row.matches(".queue-row[aria-current='true']")) {
                row.scrollIntoView({ block: "nearest" });
            }
        }
    }).observe(document.documentElement, { subtree: true, attributes: true, attributeFilter: ["aria-current"] });
})();
