// The TOC wall display: a clock, a bar that says plainly when the screen is not live, and
// reconnection by itself (after a network drop or a server restart) with nobody at a keyboard.
// The clock shows hours and minutes, so it wakes once a minute, at the minute's turn: this script runs on every
// page, and a timer every second would wake every open tab (a hundred heatmaps) for nothing.
(() => {
    if (window.wallDisplay) {
        return;
    }

    window.wallDisplay = true;
    const timeFormat = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", timeZone: "Europe/London" });
    let notLiveSince = null;

    function tick() {
        const clock = document.getElementById("wall-clock");
        if (clock) {
            clock.textContent = timeFormat.format(new Date());
        }

        setTimeout(tick, 60000 - (Date.now() % 60000) + 20);
    }

    function showState() {
        const bar = document.getElementById("live-bar");
        const text = document.getElementById("live-text");
        if (!bar || !text) {
            return;
        }

        if (notLiveSince) {
            bar.classList.add("not-live");
            text.textContent = `Not live since ${timeFormat.format(notLiveSince)}: reconnecting`;
        } else if (bar.dataset.busLost) {
            bar.classList.add("not-live");
            text.textContent = bar.dataset.busLost;
        } else {
            bar.classList.remove("not-live");
            text.textContent = `Live · last update ${bar.dataset.lastUpdate}`;
        }
    }

    async function retry() {
        try {
            const reconnected = await Blazor.reconnect();
            if (!reconnected) {
                location.reload();
            }
        } catch {
            setTimeout(retry, 5000);
        }
    }

    const modal = document.getElementById("components-reconnect-modal");
    if (modal) {
        modal.addEventListener("components-reconnect-state-changed", event => {
            const state = event.detail.state;
            if (state === "show" || state === "retrying") {
                notLiveSince = notLiveSince || new Date();
            } else if (state === "hide") {
                notLiveSince = null;
            } else if (state === "failed") {
                notLiveSince = notLiveSince || new Date();
                setTimeout(retry, 5000);
            }

            showState();
        });
    }

    new MutationObserver(showState).observe(document.body, { subtree: true, attributes: true, attributeFilter: ["data-last-update", "data-bus-lost"] });
    tick();
})();
