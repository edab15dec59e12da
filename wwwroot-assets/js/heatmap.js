// Keyboard movement in calendar heatmaps: arrows move a day or a week, Home/End to the week's ends.
// One delegated listener, so it keeps working as Blazor re-renders months. Enter follows the focused link.
(() => {
    const offsets = { ArrowLeft: -1, ArrowRight: 1, ArrowUp: -7, ArrowDown: 7 };

    function shift(iso, days) {
        const [y, m, d] = iso.split("-").map(Number);
        const date = new Date(Date.UTC(y, m - 1, d + days));
        return date.toISOString().slice(0, 10);
    }

    document.addEventListener("keydown", event => {
        const cell = event.target.closest && event.target.closest(".heatmap a.day-link[data-date]");
        if (!cell) {
            return;
        }

        const date = cell.dataset.date;
        let target;
        if (event.key in offsets) {
            target = shift(date, offsets[event.key]);
        } else if (event.key === "Home" || event.key === "End") {
            const weekday = (new Date(date + "T00:00:00Z").getUTCDay() + 6) % 7;
            target = shift(date, event.key === "Home" ? -weekday : 6 - weekday);
        } else {
            return;
        }

        const heatmap = cell.closest(".heatmap");
        const next = heatmap.querySelector(`a.day-link[data-date="${target}"]`);
        event.preventDefault();
        if (next) {
            cell.tabIndex = -1;
            next.tabIndex = 0;
            next.focus();
        }
    });
})();
