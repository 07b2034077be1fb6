// The memory optimiser panel: measured durations in (typed, or aws-lambda-power-tuning's output
// JSON or visualisation URL, pasted, dropped or chosen: the API parses both), POST
// /api/v1/optimise out (its picks as a sentence and its SVG memory chart as an image). Every
// figure comes from the API; this file only reads the panel's and the workload's inputs and shows
// the answer.
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

    /// A power-tuning file larger than this is not read: the server takes bodies of up to 64 KiB.
    const kMaxPowerTuningBytes = 64 * 1024;

    function source() { return $("optimiser-source").value === "power_tuning" ? "power_tuning" : "typed"; }

    /// The tool's output as the API takes it: its JSON (an object or the stats array) as
    /// `power_tuning`, anything else as its visualisation URL (`power_tuning_url`).
    function powerTuning() {
        const text = $("optimiser-power-text").value.trim();
        if (text === "") throw new Error(t("optimiser.power_empty"));
        if (!/^[[{]/.test(text)) return { power_tuning_url: text };
        try {
            return { power_tuning: JSON.parse(text) };
        } catch (e) {
            throw new Error(t("optimiser.power_not_json"));
        }
    }

    function body() {
        const traffic = Number($("traffic").value);
        const workload = $("traffic-unit").value === "month" ? { requests_per_month: traffic }
                                                             : { requests_per_second: traffic };
        const optimise = source() === "power_tuning" ? powerTuning()
                                                     : { measurements: measurements($("optimiser-measured").value) };
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

    /// "Read 4 sizes: 128 MB 1,000 ms, ...": the measured rows the API priced (of the measured
    /// architecture, the first in its rows), so what was read from the tool's output shows.
    function describeRead(report) {
        const first = report.rows.find((r) => r.measured);
        if (!first) return "";
        const rows = report.rows.filter((r) => r.measured && r.architecture === first.architecture);
        const fmt = new Intl.NumberFormat(lang() === "ja" ? "ja-JP" : "en-US", { maximumFractionDigits: 1 });
        const sizes = rows.map((r) => t("optimiser.read_size", { memory: r.memory_mb, duration: fmt.format(r.duration_ms) }));
        return t("optimiser.read", { count: rows.length, sizes: sizes.join(t("optimiser.read_separator")) });
    }

    function sync() {
        const power = source() === "power_tuning";
        $("optimiser-typed-fields").hidden = power;
        $("optimiser-power-fields").hidden = !power;
    }

    async function readFile(file) {
        const status = $("optimiser-power-status");
        if (!file) return;
        if (file.size > kMaxPowerTuningBytes) {
            status.textContent = t("optimiser.power_too_large", { name: file.name });
            return;
        }
        $("optimiser-power-text").value = await file.text();
        status.textContent = t("optimiser.power_file", { name: file.name });
        run();
    }

    async function run() {
        const error = $("optimiser-error");
        error.hidden = true;
        $("optimiser-chart").dataset.ready = "";
        let payload;
        try {
            payload = body();
        } catch (e) {
            error.textContent = e.message;
            error.hidden = false;
            $("optimiser-result").textContent = "";
            return;
        }
        try {
            const report = JSON.parse(await post("", payload));
            const picks = report.overall;
            $("optimiser-result").textContent = t("optimiser.result", {
                cheapest: describe(picks.cheapest, report.currency), fastest: describe(picks.fastest, report.currency),
                balanced: describe(picks.balanced, report.currency),
                latency: describe(picks.meets_latency, report.currency) });
            $("optimiser-read").textContent = source() === "power_tuning" ? describeRead(report) : "";
            const svg = await post("?format=svg&lang=" + lang(), payload);
            const chart = $("optimiser-chart");
            chart.src = "data:image/svg+xml;charset=utf-8," + encodeURIComponent(svg);
            chart.alt = t("optimiser.chart_alt");
            chart.hidden = false;
            chart.dataset.ready = "true";
        } catch (e) {
            $("optimiser-result").textContent = "";
            $("optimiser-read").textContent = "";
            error.textContent = e.message;
            error.hidden = false;
        }
    }

    document.addEventListener("DOMContentLoaded", () => {
        if (!$("optimiser-run")) return;
        $("optimiser-run").addEventListener("click", run);
        $("optimiser-source").addEventListener("change", sync);
        window.CostsimDropZone.wire($("optimiser-power-drop"), $("optimiser-power-file"), (files) => readFile(files[0]));
        sync();
    });
})();
