// Ranges under uncertainty: the panel where traffic and duration are given as low–high with a
// distribution, POST /api/v1/range for the page's comparison plus `uncertainty`, and its answer
// shown as each offering's P(cheapest) and p5–p95 next to the verdict and as bands on the cost
// chart. Every figure comes from the API's answer; this file only builds the request's
// `uncertainty` from the inputs and draws what it answers. Design/page.md explains the choices.
(function () {
    "use strict";

    const tk = (key) => key;

    const kDistributions = ["uniform", "triangular", "lognormal"];
    const kDistributionHints = {
        uniform: tk("range.hint_uniform"), triangular: tk("range.hint_triangular"), lognormal: tk("range.hint_lognormal"),
    };
    const kDefaultSamples = "10000";

    const $ = (id) => document.getElementById(id);

    function num(text) {
        if (typeof text !== "string" || text.trim() === "") return null;
        const n = Number(text);
        return Number.isFinite(n) ? n : null;
    }

    /// One input's distribution, in the API's spelling (report-schema.md#uncertainty): low and high
    /// as typed, the workload's own value as the most likely (triangular) or the median
    /// (lognormal). Blank parameters are left out, so the API names the missing one.
    function distribution(kind, low, typed, high) {
        if (low === null && high === null) return null;
        const spec = kind === "triangular" ? { distribution: kind, min: low, mode: typed, max: high }
            : kind === "lognormal" ? { distribution: kind, p50: typed, p95: high }
                : { distribution: "uniform", min: low, max: high };
        for (const key of Object.keys(spec)) if (spec[key] === null) delete spec[key];
        return spec;
    }

    /// `env`: t(key, params), lang(), label(id) (an offering's short label), money(value, currency),
    /// rps(value), quantity(value), share(value) (a probability as a percentage), currentRps() (the
    /// comparison's traffic), cssVar(name), redraw() (draw the cost chart again).
    function create(env) {
        const t = env.t;
        let answer = null;    // { report, key } of the last good range answer
        let error = null;     // the API's error for the last request
        let seq = 0;

        function read() {
            return {
                uncOn: $("unc-on").checked,
                uncDist: kDistributions.includes($("unc-dist").value) ? $("unc-dist").value : "uniform",
                uncTrafficLow: $("unc-traffic-low").value, uncTrafficHigh: $("unc-traffic-high").value,
                uncDurationLow: $("unc-duration-low").value, uncDurationHigh: $("unc-duration-high").value,
                uncSamples: $("unc-samples").value,
            };
        }

        function write(state) {
            $("unc-on").checked = state.uncOn === true;
            $("unc-dist").value = kDistributions.includes(state.uncDist) ? state.uncDist : "uniform";
            $("unc-traffic-low").value = state.uncTrafficLow || "";
            $("unc-traffic-high").value = state.uncTrafficHigh || "";
            $("unc-duration-low").value = state.uncDurationLow || "";
            $("unc-duration-high").value = state.uncDurationHigh || "";
            $("unc-samples").value = state.uncSamples || kDefaultSamples;
            sync();
        }

        function sync() {
            $("unc-fields").hidden = !$("unc-on").checked;
            const dist = kDistributions.includes($("unc-dist").value) ? $("unc-dist").value : "uniform";
            $("unc-dist-hint").textContent = t(kDistributionHints[dist]);
        }

        /// The request's `uncertainty`, or null when nothing is uncertain.
        function uncertaintyOf(state) {
            if (!state.uncOn) return null;
            const inputs = {};
            const trafficKey = state.trafficUnit === "month" ? "requests_per_month" : "requests_per_second";
            const trafficSpec = distribution(state.uncDist, num(state.uncTrafficLow), num(state.traffic), num(state.uncTrafficHigh));
            if (trafficSpec) inputs[trafficKey] = trafficSpec;
            const durationSpec = distribution(state.uncDist, num(state.uncDurationLow), num(state.duration), num(state.uncDurationHigh));
            if (durationSpec) inputs.duration_ms = durationSpec;
            if (!Object.keys(inputs).length) return null;
            const samples = num(state.uncSamples);
            return { samples: samples === null ? Number(kDefaultSamples) : samples, seed: 1, inputs: inputs };
        }

        /// Where an error of the range request is shown: under the pair of inputs it names.
        function errorTarget(field) {
            const f = typeof field === "string" ? field : "";
            if (/^uncertainty\.inputs\.requests_per_(second|month)/.test(f)) return "unc-traffic-error";
            if (/^uncertainty\.inputs\.duration_ms/.test(f)) return "unc-duration-error";
            if (f === "uncertainty.samples") return "unc-samples-error";
            return "range-error";
        }

        /// Asks the API for the ranges of the comparison `compareBody` (what the page priced)
        /// under the panel's uncertainty; `key` names the inputs (the page's inputsKey).
        async function request(state, compareBody, key) {
            const mine = ++seq;
            const uncertainty = uncertaintyOf(state);
            if (!uncertainty) {
                const had = answer !== null;
                answer = null;
                error = null;
                render();
                $("range-box").dataset.key = key;
                if (had) env.redraw();
                return;
            }
            const body = Object.assign({}, compareBody, { uncertainty: uncertainty });
            delete body.include_series;
            let result;
            try {
                const response = await fetch("/api/v1/range", {
                    method: "POST", headers: { "Content-Type": "application/json", Accept: "application/json" },
                    body: JSON.stringify(body),
                });
                const json = await response.json().catch(() => null);
                result = response.ok && json && !json.error ? { report: json }
                    : { error: json && json.error ? json.error : { message: t("errors.http", { status: response.status }), field: null } };
            } catch (err) {
                result = { error: { message: t("errors.network"), field: null } };
            }
            if (mine !== seq) return;   // a newer request is on its way
            answer = result.report ? { report: result.report, key: key } : null;
            error = result.error || null;
            render();
            $("range-box").dataset.key = key;
            env.redraw();
        }

        function clearFieldErrors() {
            for (const id of ["unc-traffic-error", "unc-duration-error", "unc-samples-error", "range-error"]) {
                $(id).hidden = true;
                $(id).textContent = "";
            }
        }

        /// "AWS Lambda: cheapest in 71.8 % of 10,000 samples; $6.81–$50.11 a month (p5–p95),
        /// median $26.98, mean $27.20."
        function render() {
            clearFieldErrors();
            sync();
            const box = $("range-box");
            const list = $("range-list");
            const bands = $("range-break-even");
            list.replaceChildren();
            bands.replaceChildren();
            $("range-chart-note").hidden = true;
            if (error) {
                const target = $(errorTarget(error.field));
                target.textContent = t("range.error", { message: error.message });
                target.hidden = false;
                box.hidden = true;
                return;
            }
            if (!answer) {
                box.hidden = true;
                return;
            }
            const report = answer.report;
            const currency = report.currency;
            const money = (v) => env.money(v, currency);
            for (const o of report.offerings) {
                const li = document.createElement("li");
                li.dataset.offeringId = o.id;
                li.dataset.pCheapest = String(o.p_cheapest);
                li.dataset.p5 = String(o.cost.p5);
                li.dataset.p50 = String(o.cost.p50);
                li.dataset.p95 = String(o.cost.p95);
                const name = document.createElement("strong");
                name.textContent = env.label(o.id);
                const p = document.createElement("span");
                p.className = "p-cheapest";
                p.textContent = t("range.p_cheapest", { share: env.share(o.p_cheapest), samples: env.quantity(report.samples) });
                const cost = document.createElement("span");
                cost.className = "cost-range";
                cost.textContent = t("range.cost", { p5: money(o.cost.p5), p95: money(o.cost.p95),
                                                     p50: money(o.cost.p50), mean: money(o.cost.mean) });
                li.append(name, t("figures.name_separator"), p, t("range.separator"), cost);
                list.appendChild(li);
            }
            for (const b of report.break_even) {
                if (!b.samples_with_point) continue;
                const li = document.createElement("li");
                li.dataset.otherId = b.other_id;
                li.dataset.p5 = String(b.requests_per_second.p5);
                li.dataset.p95 = String(b.requests_per_second.p95);
                li.textContent = t("range.break_even", {
                    a: env.label(b.current_id), b: env.label(b.other_id),
                    p5: env.rps(b.requests_per_second.p5), p95: env.rps(b.requests_per_second.p95),
                    with_point: env.quantity(b.samples_with_point), searched: env.quantity(b.samples_searched) });
                bands.appendChild(li);
            }
            $("range-summary-note").textContent = t("range.note", { samples: env.quantity(report.samples), seed: report.seed });
            const note = $("range-chart-note");
            note.textContent = t("range.chart_note");
            note.hidden = false;
            box.hidden = false;
        }

        /// Draws, under the cost lines, each offering's p5–p95 cost over the traffic's p5–p95 (a
        /// bar at the current traffic when the traffic is fixed) with its median, and the p5–p95
        /// band of each break-even traffic across the chart's height.
        const plugin = {
            id: "costsimRangeBands",
            beforeDatasetsDraw(c) {
                const canvas = c.canvas;
                if (!answer) {
                    delete canvas.dataset.rangeBands;
                    delete canvas.dataset.breakEvenBands;
                    return;
                }
                const report = answer.report;
                const x = c.scales.x;
                const y = c.scales.y;
                const area = c.chartArea;
                const ctx = c.ctx;
                // the API's own seconds per month (its range in both units), for the traffic input's summary
                const perMonthToRps = report.range.to_requests_per_month > 0
                    ? report.range.to_rps / report.range.to_requests_per_month : null;
                const trafficInput = report.inputs.find((i) => i.name === "requests_per_month");
                const current = env.currentRps();
                const from = trafficInput && perMonthToRps !== null ? trafficInput.values.p5 * perMonthToRps : current;
                const to = trafficInput && perMonthToRps !== null ? trafficInput.values.p95 * perMonthToRps : current;
                const clampX = (px) => Math.min(Math.max(px, area.left), area.right);
                const clampY = (py) => Math.min(Math.max(py, area.top), area.bottom);
                const drawn = [];
                ctx.save();
                ctx.beginPath();
                ctx.rect(area.left, area.top, area.right - area.left, area.bottom - area.top);
                ctx.clip();
                for (const o of report.offerings) {
                    if (!(o.cost.p95 > 0) || !(from > 0)) continue;
                    const dataset = c.data.datasets.find((d) => d.costsimId === o.id);
                    const color = dataset ? dataset.borderColor : env.cssVar("--muted");
                    let left = x.getPixelForValue(from);
                    let right = x.getPixelForValue(to);
                    if (right - left < 8) {
                        const mid = (left + right) / 2;
                        left = mid - 5;
                        right = mid + 5;
                    }
                    const top = clampY(y.getPixelForValue(o.cost.p95));
                    const bottom = o.cost.p5 > 0 ? clampY(y.getPixelForValue(o.cost.p5)) : area.bottom;
                    ctx.globalAlpha = 0.18;
                    ctx.fillStyle = color;
                    ctx.fillRect(left, top, right - left, Math.max(bottom - top, 2));
                    ctx.globalAlpha = 0.9;
                    ctx.strokeStyle = color;
                    ctx.lineWidth = 1;
                    ctx.setLineDash([]);
                    ctx.strokeRect(left, top, right - left, Math.max(bottom - top, 2));
                    if (o.cost.p50 > 0) {
                        const mid = y.getPixelForValue(o.cost.p50);
                        ctx.lineWidth = 3;
                        ctx.beginPath();
                        ctx.moveTo(left, mid);
                        ctx.lineTo(right, mid);
                        ctx.stroke();
                    }
                    drawn.push({ id: o.id, from_rps: from, to_rps: to, p5: o.cost.p5, p50: o.cost.p50, p95: o.cost.p95 });
                }
                const beDrawn = [];
                const muted = env.cssVar("--muted");
                for (const b of report.break_even) {
                    if (!b.samples_with_point) continue;
                    const lo = b.requests_per_second.p5;
                    const hi = b.requests_per_second.p95;
                    if (!(hi > 0)) continue;
                    const left = clampX(x.getPixelForValue(Math.max(lo, x.min)));
                    const right = Math.max(clampX(x.getPixelForValue(hi)), left + 2);
                    ctx.globalAlpha = 0.16;
                    ctx.fillStyle = muted;
                    ctx.fillRect(left, area.top, right - left, area.bottom - area.top);
                    ctx.globalAlpha = 0.9;
                    ctx.fillStyle = muted;
                    ctx.font = "11px system-ui, sans-serif";
                    ctx.textAlign = "left";
                    ctx.fillText(t("range.chart_band_label"), left + 3, area.bottom - 6);
                    beDrawn.push({ current_id: b.current_id, other_id: b.other_id, p5: lo, p95: hi });
                }
                ctx.restore();
                canvas.dataset.rangeBands = JSON.stringify(drawn);
                canvas.dataset.breakEvenBands = JSON.stringify(beDrawn);
            },
        };

        function wire() {
            $("unc-on").addEventListener("change", sync);
            $("unc-dist").addEventListener("change", sync);
        }

        return { read, write, sync, request, render, wire, chartPlugin: () => plugin };
    }

    window.CostsimUncertainty = { create: create };
})();
