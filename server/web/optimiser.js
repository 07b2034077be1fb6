// The memory optimiser panel: measured durations in, POST /api/v1/optimise out (its picks as a
// sentence and its SVG memory chart as an image). Every figure comes from the API; this file
// only reads the panel's and the workload's inputs and shows the answer.
(function () {
    "use strict";
    const I18N = window.COSTSIM_I18N;
    const $ = (id) => document.getElementById(id);

    function lang() { return document.documentElement.lang === "ja" ? "ja" : "en"; }
    function t(key, params) {
        let text = (I18N[lang()] || I18N.en)[key] || I18N.en[key] || key;
        for (const [name, value] of Object.entries(params || {})) text = text.replace("{" + name + "}", value);
        return text;
    }

    /// "128:1000, 256:400" -> [{memory_mb, duration_ms}]; the server checks the values.
    function measurements(text) {
        return text.split(/[\s,]+/).filter((s) => s.length > 0).map((pair) => {
            const [mb, ms] = pair.split(":");
            return { memory_mb: Number(mb), duration_ms: Number(ms) };
        });
    }

    function body() {
        const traffic = Number($("traffic").value);
        const workload = $("traffic-unit").value === "month" ? { requests_per_month: traffic }
                                                             : { requests_per_second: traffic };
        const optimise = { measurements: measurements($("optimiser-measured").value) };
        const latency = $("optimiser-latency").value;
        if (latency !== "") optimise.latency_target_ms = Number(latency);
        const currency = $("currency") ? $("currency").value : "USD";
        return { workload, currency, optimise };
    }

    function describe(row, currency) {
        if (!row) return t("optimiser.none");
        const money = new Intl.NumberFormat(lang() === "ja" ? "ja-JP" : "en-US",
                                            { style: "currency", currency }).format(row.monthly_cost);
        return t("optimiser.pick", { arch: row.architecture, memory: row.memory_mb,
                                     duration: Math.round(row.duration_ms), cost: money });
    }

    async function post(query, payload) {
        const res = await fetch("/api/v1/optimise" + query, {
            method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(payload) });
        const text = await res.text();
        if (!res.ok) throw new Error(JSON.parse(text).error.message);
        return text;
    }

    async function run() {
        const error = $("optimiser-error");
        error.hidden = true;
        const payload = body();
        try {
            const report = JSON.parse(await post("", payload));
            const picks = report.overall;
            $("optimiser-result").textContent = t("optimiser.result", {
                cheapest: describe(picks.cheapest, report.currency), fastest: describe(picks.fastest, report.currency),
                balanced: describe(picks.balanced, report.currency),
                latency: describe(picks.meets_latency, report.currency) });
            const svg = await post("?format=svg&lang=" + lang(), payload);
            const chart = $("optimiser-chart");
            chart.src = "data:image/svg+xml;charset=utf-8," + encodeURIComponent(svg);
            chart.alt = t("optimiser.chart_alt");
            chart.hidden = false;
        } catch (e) {
            error.textContent = e.message;
            error.hidden = false;
        }
    }

    document.addEventListener("DOMContentLoaded", () => {
        if ($("optimiser-run")) $("optimiser-run").addEventListener("click", run);
    });
})();
