// The TOC wall display: a clock, a bar that says plainly when the screen is not live, and
// reconnection by itself (after a network drop or a server restart) with nobody at a keyboard.
// The clock shows hours and minutes, so it wakes once a minute, at the minute's turn: this script runs on every
// page, and a timer every second would wake every open tab (a hundred heatmaps) for nothing. Only the wall itself
// (the page with #live-bar) is watched more often, while it is open.
//
// Live means the circuit is delivering renders: the wall renders a heartbeat (#wall-beat, data-beat) twice a second,
// and the bar says "Not live since HH:mm" as soon as the connection drops (Blazor's reconnect events) or three beats
// are missed, whatever the cause (a graceful stop, a kill, a network cut, a paused circuit). It says "Live" again only
// when beats arrive again. While not live it asks the server's readiness probe every second; once a server is ready
// and the circuit has not come back by itself, it reloads the page, which opens a new circuit.
(() => {
    if (window.wallDisplay) {
        return;
    }

    window.wallDisplay = true;
    const timeFormat = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", timeZone: "Europe/London" });
    const beatsMissed = 1500;
    const firstBeatWithin = 5000;
    const reloadAfter = 1000;
    const loadedAt = Date.now();
    let lastBeat = null;
    let notLiveSince = null;
    let notLiveAt = 0;
    let watching = null;
    let probing = false;

    function tick() {
        const clock = document.getElementById("wall-clock");
        if (clock) {
            clock.textContent = timeFormat.format(new Date());
        }

        setTimeout(tick, 60000 - (Date.now() % 60000) + 20);
    }

    // The page renders the bar as not live ("Connecting…"); only this script says "Live", and only on beats. It writes
    // only what differs, so a beat that changes nothing costs nothing.
    function showState() {
        const bar = document.getElementById("live-bar");
        const text = document.getElementById("live-text");
        if (!bar || !text) {
            return;
        }

        let words;
        if (notLiveSince) {
            words = `Not live since ${timeFormat.format(notLiveSince)}: reconnecting`;
        } else if (lastBeat === null) {
            words = "Connecting…";
        } else if (bar.dataset.notLive) {
            words = bar.dataset.notLive;
        }

        const live = words === undefined;
        if (live) {
            words = `Live · last update ${bar.dataset.lastUpdate}`;
        }

        bar.classList.toggle("not-live", !live);
        if (text.textContent !== words) {
            text.textContent = words;
        }
    }

    function notLive(since) {
        if (!notLiveSince) {
            notLiveSince = since;
            notLiveAt = Date.now();
            showState();
        }
    }

    function beat() {
        lastBeat = Date.now();
        notLiveSince = null;

        // On every beat: a circuit that came back re-renders the bar as the page first sent it.
        showState();

        watching = watching || setInterval(watch, 250);
    }

    function watch() {
        if (!document.getElementById("live-bar")) {
            // The wall was left for another page.
            clearInterval(watching);
            watching = null;
            lastBeat = null;
            return;
        }

        const now = Date.now();
        if (lastBeat === null ? now - loadedAt > firstBeatWithin : now - lastBeat > beatsMissed) {
            notLive(new Date(lastBeat ?? loadedAt));
        }

        if (notLiveSince || lastBeat === null) {
            probe();
        }
    }

    async function probe() {
        if (probing) {
            return;
        }

        probing = true;
        try {
            const ready = await fetch("/health/ready", { cache: "no-store" });
            if (!ready.ok) {
                // A server that is stopping or starting: a page still connecting will not connect to it.
                notLive(new Date(lastBeat ?? loadedAt));
            } else if (notLiveSince && Date.now() - notLiveAt >= reloadAfter) {
                // A server is ready and the circuit has not come back by itself: a new page opens a new one.
                location.reload();
            }
        } catch {
            // No server: the next watch asks again.
            notLive(new Date(lastBeat ?? loadedAt));
        } finally {
            setTimeout(() => { probing = false; }, 1000);
        }
    }

    const modal = document.getElementById("components-reconnect-modal");
    if (modal) {
        // The connection dropped: say so at once, without waiting for the missed beats. Only beats say it is live again.
        modal.addEventListener("components-reconnect-state-changed", event => {
            if (event.detail.state !== "hide" && document.getElementById("live-bar")) {
                notLive(new Date());
                watching = watching || setInterval(watch, 250);
            }
        });
    }

    new MutationObserver(mutations => {
        if (mutations.some(m => m.attributeName === "data-beat")) {
            beat();
        }

        if (mutations.some(m => m.attributeName !== "data-beat")) {
            showState();
        }
    }).observe(document.body, { subtree: true, attributes: true, attributeFilter: ["data-last-update", "data-not-live", "data-beat"] });

    if (document.getElementById("live-bar")) {
        watching = setInterval(watch, 250);
        showState();
    }

    tick();
})();
