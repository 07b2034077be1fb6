// The charts over time: the traffic profile (POST /api/v1/profile: its summary `profile` and
// `series`, requests per bucket) and the instances of each fleet and concurrent executions of each function (each
// bill's `series` from POST /api/v1/compare with include_series). They draw what the API answers;
// the only arithmetic is placing bucket i at i x bucket_s on the time axis.
(function () {
    "use strict";

    const tk = (key) => key;
    /// Series of a bill drawn on the instances chart, by the API's name.
    const kFleetSeries = { instances: tk("fleet_chart.instances"), concurrency: tk("fleet_chart.concurrency") };

    const $ = (id) => document.getElementById(id);

    /// `env`: t(key, params), quantity(n), rps(n), duration(seconds) ("1 min"), cssVar(name),
    /// lang().
    function create(env) {
        let trafficChart = null;
        let fleetChart = null;

        function hours(seconds) {
            return seconds / 3600;
        }

        /// Time axis in hours from the period's start, ticks every 6 h (a day) or every day (longer).
        function timeAxis(periodH) {
            const step = periodH > 48 ? 24 : periodH > 12 ? 6 : 1;
            return {
                type: "linear", min: 0, max: periodH,
                title: { display: true, text: env.t("time_chart.x_axis") },
                grid: { color: env.cssVar("--grid") },
                ticks: {
                    stepSize: step, maxRotation: 0, autoSkip: true,
                    callback: (v) => (step === 24 ? env.t("time_chart.day", { n: v / 24 + 1 })
                                                  : env.t("time_chart.hour", { h: env.quantity(v) })),
                },
            };
        }

        function baseOptions(periodH, yTitle) {
            return {
                responsive: true,
                maintainAspectRatio: false,
                animation: false,
                parsing: false,
                normalized: true,
                interaction: { mode: "nearest", intersect: false, axis: "x" },
                scales: {
                    x: timeAxis(periodH),
                    y: { type: "linear", beginAtZero: true, title: { display: true, text: yTitle },
                         grid: { color: env.cssVar("--grid") }, ticks: { callback: (v) => env.quantity(v) } },
                },
                plugins: {
                    legend: { position: "bottom", labels: { boxWidth: 18, boxHeight: 2 } },
                    tooltip: {
                        callbacks: {
                            title: (items) => (items.length ? env.t("time_chart.tooltip_time", { h: env.quantity(items[0].parsed.x) }) : ""),
                            label: (item) => item.dataset.label + ": " + env.quantity(item.parsed.y),
                        },
                    },
                },
            };
        }

        /// The traffic chart and the profile's summary; `profile` null hides them (no traffic
        /// profile: flat at the mean). `source`: where the series came from, when the profile
        /// cannot say (a sample row sent as its counts).
        function renderTraffic(profile, source) {
            const box = $("traffic-box");
            const canvas = $("traffic-chart");
            if (trafficChart) {
                trafficChart.destroy();
                trafficChart = null;
            }
            box.hidden = !profile;
            if (!profile || !window.Chart) return;
            const series = profile.series;
            const summary = profile.profile;
            const data = series.requests.map((v, i) => ({ x: hours(i * series.bucket_s), y: v }));
            const periodH = hours(series.requests.length * series.bucket_s);
            const per = env.duration(series.bucket_s);
            const options = baseOptions(periodH, env.t("traffic_chart.y_axis", { bucket: per }));
            options.plugins.legend.display = false;
            const color = env.cssVar("--series-2");
            trafficChart = new Chart(canvas, {
                type: "line",
                data: { datasets: [{ label: env.t("traffic_chart.series", { bucket: per }), data: data, borderColor: color,
                                     backgroundColor: color, borderWidth: 1.5, pointRadius: 0, stepped: true }] },
                options: options,
            });
            canvas.dataset.buckets = String(series.requests.length);
            canvas.dataset.bucketS = String(series.bucket_s);
            canvas.setAttribute("aria-label", env.t("traffic_chart.aria", {
                mean: env.rps(summary.mean_requests_per_second), ratio: env.quantity(summary.peak_to_mean) }));
            const from = source || summary.source;
            $("traffic-source").textContent = from ? env.t("traffic_chart.source", { source: from }) : "";
            renderSummary(summary);
        }

        function renderSummary(summary) {
            const list = $("traffic-summary");
            list.replaceChildren();
            const add = (key, value, name) => {
                const dt = document.createElement("dt");
                dt.textContent = env.t(key);
                const dd = document.createElement("dd");
                dd.textContent = value;
                if (name) dd.dataset.figure = name;
                list.append(dt, dd);
            };
            add(tk("traffic_summary.mean"), env.t("traffic_summary.mean_value", {
                rps: env.rps(summary.mean_requests_per_second), per_month: env.perMonth(summary.requests_per_month) }), "mean");
            for (const peak of summary.peaks || []) {
                const dt = document.createElement("dt");
                dt.textContent = env.t("traffic_summary.peak", { granularity: env.duration(peak.granularity_s) });
                const dd = document.createElement("dd");
                dd.dataset.figure = "peak";
                dd.dataset.granularityS = String(peak.granularity_s);
                dd.dataset.peakToMean = String(peak.peak_to_mean);
                dd.textContent = env.t("traffic_summary.peak_value", { rps: env.rps(peak.requests_per_second),
                                                                      ratio: env.quantity(peak.peak_to_mean) });
                list.append(dt, dd);
            }
            add(tk("traffic_summary.idle"), env.t("traffic_summary.idle_value", { percent: env.quantity(summary.idle_share * 100) }), "idle");
        }

        /// Instances (fleets) and concurrency (functions) over the period, one line per bill
        /// series; hidden when no bill has one. `labelOf(id)` names an offering.
        function renderFleets(compare, labelOf) {
            const box = $("fleet-box");
            const canvas = $("fleet-chart");
            if (fleetChart) {
                fleetChart.destroy();
                fleetChart = null;
            }
            const palette = [1, 2, 3, 4, 5, 6, 7, 8].map((i) => env.cssVar("--series-" + i));
            const datasets = [];
            let periodH = 0;
            const drawn = [];
            compare.results.forEach((result, i) => {
                for (const series of result.series || []) {
                    if (!kFleetSeries[series.name] || !series.values.length) continue;
                    periodH = Math.max(periodH, hours(series.values.length * series.interval_s));
                    const color = palette[i % palette.length];
                    drawn.push(result.id + ":" + series.name);
                    datasets.push({
                        label: env.t(kFleetSeries[series.name], { name: labelOf(result.id) }),
                        costsimId: result.id,
                        costsimSeries: series.name,
                        data: series.values.map((v, j) => ({ x: hours(j * series.interval_s), y: v })),
                        borderColor: color, backgroundColor: color, borderWidth: 2, pointRadius: 0, stepped: true,
                        borderDash: series.name === "concurrency" ? [6, 3] : [],
                    });
                }
            });
            box.hidden = datasets.length === 0;
            canvas.dataset.series = drawn.join(" ");
            if (!datasets.length || !window.Chart) return;
            fleetChart = new Chart(canvas, { type: "line", data: { datasets: datasets },
                                             options: baseOptions(periodH, env.t("fleet_chart.y_axis")) });
            canvas.setAttribute("aria-label", env.t("fleet_chart.aria", { count: datasets.length }));
        }

        return { renderTraffic: renderTraffic, renderFleets: renderFleets };
    }

    window.CostsimTimeCharts = { create: create };
})();
