// "What would flip it": POST /api/v1/flip for the page's comparison, its `statements` told as
// plain sentences ("AWS Lambda stays cheaper unless the duration passes 234 ms; then VM fleet
// t3.micro is cheaper"), smallest change first as the API orders them. Every figure is the API's;
// this file only words them. Design/page.md explains the choices.
(function () {
    "use strict";

    const tk = (key) => key;

    /// The inputs the API analyses (report-schema.md#flip), as named in a sentence. Offering inputs
    /// ("offerings[1].capacity_rps") are named with their offering.
    const kInputKeys = {
        requests_per_second: tk("flip.input.requests_per_second"), duration_ms: tk("flip.input.duration_ms"),
        response_kb: tk("flip.input.response_kb"), internet_percent: tk("flip.input.internet_percent"),
        cold_start_percent: tk("flip.input.cold_start_percent"), jpy_per_usd: tk("flip.input.jpy_per_usd"),
        memory_mb: tk("flip.input.memory_mb"), capacity_rps: tk("flip.input.capacity_rps"),
        target_utilization: tk("flip.input.target_utilization"),
    };
    /// A value in its unit, as the API names the unit.
    const kUnitKeys = {
        "requests/s": tk("flip.unit.rps"), "ms": tk("flip.unit.ms"), "MB": tk("flip.unit.mb"), "KiB": tk("flip.unit.kib"),
        "%": tk("flip.unit.percent"), "JPY per USD": tk("flip.unit.jpy_per_usd"),
    };
    const kDirectionKeys = { rises_above: tk("flip.rises_above"), falls_below: tk("flip.falls_below") };
    /// Whole-MB inputs: the API's value is the first size past the flip, so it is reached, not passed.
    const kWholeDirectionKeys = { rises_above: tk("flip.reaches"), falls_below: tk("flip.drops_to") };

    const $ = (id) => document.getElementById(id);

    /// `env`: t(key, params), label(id), rps(value), quantity(value), signedShare(value) (a
    /// relative change as a signed percentage).
    function create(env) {
        const t = env.t;
        let answer = null;
        let error = null;
        let seq = 0;
        let waiting = null;   // { body, key } held back until asked for (under a traffic profile)

        function inputName(statement) {
            const name = statement.input.replace(/^offerings\[\d+\]\./, "");
            const key = kInputKeys[name];
            const text = key ? t(key, { name: statement.offering_id ? env.label(statement.offering_id) : "" }) : statement.input;
            return text;
        }

        function valueText(value, unit) {
            const figure = unit === "requests/s" ? env.rps(value) : env.quantity(value);
            return kUnitKeys[unit] ? t(kUnitKeys[unit], { n: figure }) : figure;
        }

        /// One statement as a sentence: who stays cheapest, unless which input passes what, and who
        /// is cheapest then.
        function sentence(s) {
            const params = {
                a: env.label(s.stays_cheapest), b: env.label(s.then_cheapest), input: inputName(s),
                value: valueText(s.value, s.unit), now: valueText(s.current, s.unit),
                change: s.relative_change === null ? "" : env.signedShare(s.relative_change),
            };
            const keys = s.unit === "MB" ? kWholeDirectionKeys : kDirectionKeys;
            const key = keys[s.direction] || keys.rises_above;
            const text = t(key, params);
            return s.relative_change === null ? t("flip.sentence_from_zero", { text: text, now: params.now })
                : t("flip.sentence", { text: text, now: params.now, change: params.change });
        }

        /// Asks the API what would flip the comparison `compareBody`; `key` names the inputs. Under
        /// a traffic profile every value searched re-simulates the month (a minute or more), so the
        /// request waits for the button instead of following every change.
        async function request(compareBody, key, profiled) {
            const body = Object.assign({}, compareBody);
            delete body.include_series;
            if (profiled) {
                ++seq;
                waiting = { body: body, key: key };
                answer = null;
                error = null;
                render();
                $("flip-box").dataset.key = key;
                return;
            }
            waiting = null;
            await send(body, key);
        }

        async function send(body, key) {
            const mine = ++seq;
            let result;
            try {
                const response = await fetch("/api/v1/flip", {
                    method: "POST", headers: { "Content-Type": "application/json", Accept: "application/json" },
                    body: JSON.stringify(body),
                });
                const json = await response.json().catch(() => null);
                result = response.ok && json && !json.error ? { report: json }
                    : { error: json && json.error ? json.error : { message: t("errors.http", { status: response.status }) } };
            } catch (err) {
                result = { error: { message: t("errors.network") } };
            }
            if (mine !== seq) return;   // a newer request is on its way
            answer = result.report || null;
            error = result.error || null;
            render();
            $("flip-box").dataset.key = key;
        }

        function render() {
            const list = $("flip-list");
            const note = $("flip-note");
            const failure = $("flip-error");
            list.replaceChildren();
            $("flip-slow").hidden = !waiting;
            failure.hidden = !error;
            failure.textContent = error ? t("flip.error", { message: error.message }) : "";
            note.textContent = "";
            if (!answer) return;
            for (const s of answer.statements) {
                const li = document.createElement("li");
                li.dataset.input = s.input;
                li.dataset.value = String(s.value);
                li.dataset.thenCheapest = s.then_cheapest;
                li.textContent = sentence(s);
                list.appendChild(li);
            }
            if (!answer.rival_id) note.textContent = t("flip.single");
            else if (!answer.statements.length) note.textContent = t("flip.none", { a: env.label(answer.cheapest_id) });
            else note.textContent = t("flip.held", { a: env.label(answer.cheapest_id) });
        }

        function wire() {
            $("flip-run").addEventListener("click", () => {
                if (!waiting) return;
                const { body, key } = waiting;
                waiting = null;
                $("flip-slow").hidden = true;
                $("flip-note").textContent = t("flip.working");
                send(body, key);
            });
        }

        return { request, render, wire };
    }

    window.CostsimFlip = { create: create };
})();
