// The traffic selector: none (flat at the mean, as before), a preset shape, a CSV file of counts,
// a function of the bundled Azure Functions 2019 sample, or the profile an imported log or metrics
// file gave (usage_import.js). It only builds the scenario's
// `workload.traffic` from the inputs: the server parses the CSV (its text is sent as read), checks
// every value and shapes the profile; a sample row is sent as the per-minute counts the server
// answers for it. Design/page.md explains the choices.
(function () {
    "use strict";

    const tk = (key) => key;

    /// The API's spellings (Design/http-api.md, workload.traffic).
    const kSamplesPath = "/api/v1/traffic-samples/azure-functions-2019";
    /// The sample's own files, served beside the page (server/web links them from
    /// tests/data/azure-functions-2019): a picked row is imported from them as a dropped trace is,
    /// for the memory its app's AverageAllocatedMb gives.
    const kSampleFiles = ["invocations", "durations", "memory"].map((n) => "/assets/azure-functions-2019-" + n + ".csv");
    const kShapes = ["none", "preset", "csv", "sample", "imported"];
    const kPresets = ["flat", "business_hours", "diurnal", "weekly", "nightly_batch", "spiky"];
    /// A file larger than this is not read: the server takes scenarios of up to 64 KiB
    /// (kMaxJsonBytes, include/costsim/json.hpp), the file's text included.
    const kMaxCsvBytes = 64 * 1024;

    const kHintKeys = {
        none: tk("traffic.hint_none"), preset: tk("traffic.hint_preset"),
        csv: tk("traffic.hint_absolute"), sample: tk("traffic.hint_absolute"), imported: tk("traffic.hint_absolute"),
    };

    const $ = (id) => document.getElementById(id);

    function num(text) {
        if (typeof text !== "string" || text.trim() === "") return null;
        const n = Number(text);
        return Number.isFinite(n) ? n : null;
    }

    /// `env`: t(key, params), quantity(n), fillSelect(select, items, wanted), changed() (the
    /// inputs changed: price again), setLambdaMemory(mb) (the first Lambda card's memory).
    function create(env) {
        let csv = null;          // { name, text } of the file read in this tab
        let csvSeq = 0;          // counts files read, so two files of one name are two inputs
        let csvNote = "";        // "", "too_large", "read_failed", "from_link"
        let linkCsvName = "";    // the file a share link named but could not carry
        let samples = null;      // the sample's listing, once loaded
        let samplesFailed = false;
        let samplesLoading = null;
        const rowAnswers = new Map();   // row -> the server's answer for it (profile and series)
        let rowLoading = "";            // the row being fetched
        let rowFailed = "";             // the row whose fetch failed
        let sampleFiles = null;         // the promise of the sample's files' texts, once asked for
        let memoryWanted = false;       // the sample was chosen before its rows came: fill the memory then
        let memoryFailed = "";          // the row whose memory could not be derived
        let memoryLoading = "";         // the row whose memory is on its way
        let imported = null;            // { name, series, requestsPerMonth } of the last import in this tab
        let importSeq = 0;

        function shape() {
            return kShapes.includes($("traffic-shape").value) ? $("traffic-shape").value : "none";
        }

        function read() {
            return {
                trafficShape: shape(),
                trafficPreset: $("traffic-preset").value,
                trafficPeak: $("traffic-peak").value,
                trafficRow: $("traffic-row").value,
                trafficCsvName: csv ? csv.name : linkCsvName,
            };
        }

        function write(state) {
            $("traffic-shape").value = kShapes.includes(state.trafficShape) ? state.trafficShape : "none";
            $("traffic-preset").value = kPresets.includes(state.trafficPreset) ? state.trafficPreset : "diurnal";
            $("traffic-peak").value = state.trafficPeak;
            fillRows(state.trafficRow);
            // A link cannot carry a file: it names the one it was made with, to be chosen again.
            csv = null;
            $("traffic-csv").value = "";
            linkCsvName = state.trafficShape === "csv" ? state.trafficCsvName : "";
            csvNote = linkCsvName ? "from_link" : "";
            sync();
        }

        function rowOf(index) {
            return samples ? samples.rows.find((r) => String(r.row) === String(index)) : null;
        }

        function fillRows(wanted) {
            const select = $("traffic-row");
            const rows = samples ? samples.rows : [];
            env.fillSelect(select, rows.map((r) => ({
                value: String(r.row),
                text: env.t(r.trigger ? tk("traffic.row_option") : tk("traffic.row_option_no_trigger"), {
                    index: r.row, trigger: r.trigger, hash: String(r.hash_function).slice(0, 8),
                    daily: env.quantity(r.invocations_per_day), duration: env.quantity(r.average_duration_ms),
                }),
            })), wanted !== undefined ? String(wanted) : select.value);
        }

        /// Shows the fields of the chosen kind of traffic and the hints that follow from it.
        function sync() {
            const kind = shape();
            $("traffic-preset-fields").hidden = kind !== "preset";
            $("traffic-csv-fields").hidden = kind !== "csv";
            $("traffic-sample-fields").hidden = kind !== "sample";
            $("traffic-imported-fields").hidden = kind !== "imported";
            $("traffic-peak").disabled = $("traffic-preset").value === "flat";
            // A profile gives the peaks; a file or a trace row gives the level as well.
            const absolute = kind === "sample" || (kind === "csv" && csv !== null) || (kind === "imported" && imported !== null);
            $("peak").disabled = kind !== "none";
            for (const id of ["traffic", "traffic-unit"]) $(id).disabled = absolute;
            document.querySelectorAll("[data-traffic]").forEach((b) => { b.disabled = absolute; });
            $("traffic-shape-hint").textContent = env.t(kHintKeys[kind]);
            // the sample's listing is loaded when first needed
            if (kind === "sample" && !samples && !samplesFailed && !samplesLoading) samplesLoading = loadSamples();
            renderCsvStatus();
            if (kind === "sample") loadRow($("traffic-row").value);
            const row = rowOf($("traffic-row").value);
            const use = $("traffic-use-duration");
            use.hidden = !row || row.average_duration_ms === null;
            use.textContent = row && row.average_duration_ms !== null
                ? env.t("traffic.use_duration", { duration: env.quantity(row.average_duration_ms) })
                : env.t("traffic.use_duration_plain");
            $("traffic-row-status").textContent = samplesFailed ? env.t("traffic.samples_failed")
                : rowFailed && rowFailed === $("traffic-row").value ? env.t("traffic.row_failed", { row: rowFailed })
                : memoryFailed && memoryFailed === $("traffic-row").value ? env.t("traffic.memory_failed", { row: memoryFailed }) : "";
        }

        function renderCsvStatus() {
            const status = $("traffic-csv-status");
            if (csv) status.textContent = env.t("traffic.csv_loaded", { name: csv.name, bytes: env.quantity(csv.text.length) });
            else if (csvNote === "from_link") status.textContent = env.t("traffic.csv_from_link", { name: linkCsvName });
            else if (csvNote === "too_large") status.textContent = env.t("traffic.csv_too_large", { kib: kMaxCsvBytes / 1024 });
            else if (csvNote === "read_failed") status.textContent = env.t("traffic.csv_read_failed");
            else status.textContent = env.t("traffic.csv_none");
        }

        /// The scenario's workload.traffic (null: none, or a CSV not chosen yet), whether it
        /// gives the level itself (then the mean traffic is not sent), and where each of its
        /// fields is typed.
        function scenario(state) {
            const byId = (id) => ({ input: $(id), error: $(id + "-error") });
            const fields = {
                "workload.traffic": byId("traffic-shape"),
                "workload.traffic.preset": byId("traffic-preset"),
                "workload.traffic.peak_to_mean": byId("traffic-peak"),
                "workload.traffic.csv": byId("traffic-csv"),
            };
            let traffic = null;
            if (state.trafficShape === "preset") {
                traffic = { preset: state.trafficPreset };
                if (state.trafficPreset !== "flat") traffic.peak_to_mean = num(state.trafficPeak);
            } else if (state.trafficShape === "csv" && csv) {
                traffic = { csv: csv.text };
            } else if (state.trafficShape === "sample" && rowAnswers.has(state.trafficRow)) {
                // the row's counts per minute, as the server answered them (one bucket per interval)
                const series = rowAnswers.get(state.trafficRow).series;
                traffic = { interval_s: series.bucket_s, requests: series.requests };
            } else if (state.trafficShape === "imported" && imported && imported.series) {
                traffic = { interval_s: imported.series.interval_s, requests: imported.series.requests };
                if (imported.series.start_hour_of_week !== undefined) traffic.start_hour_of_week = imported.series.start_hour_of_week;
            }
            const absolute = traffic !== null && state.trafficShape !== "preset";
            return { traffic: traffic, absolute: absolute, fields: fields };
        }

        /// What tells two inputs apart that the state does not hold (the file's content, whether
        /// the row's counts have come).
        function key() {
            return (csv ? String(csvSeq) : "") + (imported ? "i" + importSeq : "") +
                (shape() === "sample" && pending() ? ":pending" : "");
        }

        /// A sample row whose counts or memory are on their way: nothing to price yet.
        function pending() {
            const row = $("traffic-row").value;
            return shape() === "sample" && row !== "" && (rowLoading === row || memoryLoading === row);
        }

        /// The row's source as the server names it ("azure-functions-2019 row 7 (...)").
        function source(state) {
            const answer = state.trafficShape === "sample" ? rowAnswers.get(state.trafficRow) : null;
            return answer && answer.profile ? answer.profile.source : "";
        }

        /// Fetches a row's counts once; the page prices again when they come.
        async function loadRow(row) {
            if (row === "" || rowAnswers.has(row) || rowLoading === row || rowFailed === row) return;
            rowLoading = row;
            try {
                const response = await fetch(kSamplesPath + "?row=" + encodeURIComponent(row), { headers: { Accept: "application/json" } });
                if (!response.ok) throw new Error(String(response.status));
                const body = await response.json();
                if (!body || !body.series || !Array.isArray(body.series.requests)) throw new Error("series");
                rowAnswers.set(row, body);
            } catch (err) {
                rowFailed = row;
            }
            if (rowLoading === row) rowLoading = "";
            sync();
            env.changed();
        }

        /// The note under the share link when it cannot carry the traffic on screen.
        function shareNote(state) {
            if (state.trafficShape === "imported" && imported) return env.t("traffic.share_no_import", { name: imported.name });
            return state.trafficShape === "csv" && state.trafficCsvName
                ? env.t("traffic.share_no_csv", { name: state.trafficCsvName }) : "";
        }

        /// An import's profile (`series`: the scenario's workload.traffic, or null when the data
        /// had no times): the selector switches to it and the page prices again.
        function setImported(name, series, requestsPerMonth) {
            imported = { name: name, series: series, requestsPerMonth: requestsPerMonth };
            importSeq += 1;
            $("traffic-shape").value = series ? "imported" : "none";
            if (!series && requestsPerMonth !== undefined) {
                // no times: the level alone, flat at the month's mean
                $("traffic").value = String(requestsPerMonth);
                $("traffic-unit").value = "month";
            }
            sync();
            env.changed();
        }

        /// A row picked on the page (not one a link restores: the link carries its memory): the
        /// Lambda's memory from the sample's memory file, as the drop zone derives it (the server's
        /// rule: AverageAllocatedMb rounded up, within 128 to 10,240 MB, Design/imports.md).
        async function fillMemory(row) {
            if (row === "") return;
            memoryFailed = "";
            memoryLoading = row;
            const usage = window.CostsimUsageImport;
            try {
                if (!sampleFiles) {
                    sampleFiles = Promise.all(kSampleFiles.map(async (path) => {
                        const response = await fetch(path);
                        if (!response.ok) throw new Error(path + " " + response.status);
                        return response.text();
                    }));
                }
                const [invocations, durations, memory] = await sampleFiles;
                const body = usage.traceBodyOf({ text: invocations, table: usage.tableOf(invocations) }, Number(row),
                                               durations, memory, null);
                const response = await fetch(usage.tracePath, { method: "POST", body: JSON.stringify(body),
                    headers: { "Content-Type": "application/json", Accept: "application/json" } });
                const answer = await response.json();
                if (!response.ok || !answer.trace || !answer.trace.memory) throw new Error("memory");
                // the user may have moved on while the answer came
                if (shape() === "sample" && $("traffic-row").value === row) env.setLambdaMemory(answer.trace.memory.lambda_memory_mb);
            } catch (err) {
                sampleFiles = null;
                memoryFailed = row;
            }
            if (memoryLoading === row) memoryLoading = "";
            sync();
            env.changed();
        }

        async function loadSamples() {
            try {
                const response = await fetch(kSamplesPath, { headers: { Accept: "application/json" } });
                if (!response.ok) throw new Error(String(response.status));
                const body = await response.json();
                if (!body || !Array.isArray(body.rows)) throw new Error("rows");
                samples = body;
            } catch (err) {
                samples = null;
                samplesFailed = true;
            }
            fillRows();
            sync();
            if (memoryWanted && shape() === "sample") fillMemory($("traffic-row").value);
            memoryWanted = false;
        }

        function readCsv(file) {
            csv = null;
            linkCsvName = "";
            csvNote = "";
            if (!file) {
                sync();
                env.changed();
                return;
            }
            if (file.size > kMaxCsvBytes) {
                csvNote = "too_large";
                sync();
                env.changed();
                return;
            }
            const reader = new FileReader();
            reader.onload = () => {
                csv = { name: file.name, text: String(reader.result) };
                csvSeq += 1;
                sync();
                env.changed();
            };
            reader.onerror = () => {
                csvNote = "read_failed";
                sync();
                env.changed();
            };
            reader.readAsText(file);
        }

        function wire() {
            const file = $("traffic-csv");
            // the file is an input once read, not when chosen
            for (const type of ["input", "change"]) file.addEventListener(type, (e) => e.stopPropagation());
            file.addEventListener("change", () => readCsv(file.files && file.files[0]));
            for (const id of ["traffic-shape", "traffic-preset", "traffic-row"]) $(id).addEventListener("change", sync);
            $("traffic-row").addEventListener("change", () => fillMemory($("traffic-row").value));
            $("traffic-shape").addEventListener("change", () => {
                if (shape() !== "sample") return;
                if (samples) fillMemory($("traffic-row").value);
                else memoryWanted = true;
            });
            $("traffic-use-duration").addEventListener("click", () => {
                const row = rowOf($("traffic-row").value);
                if (!row) return;
                $("duration").value = String(row.average_duration_ms);
                $("duration").dispatchEvent(new Event("input", { bubbles: true }));
            });
        }

        /// Texts in the page's language (the rows' options, hints).
        function refreshTexts() {
            fillRows();
            sync();
        }

        return { read: read, write: write, scenario: scenario, key: key, pending: pending, source: source, shareNote: shareNote,
                 loadSamples: loadSamples, wire: wire, refreshTexts: refreshTexts, sync: sync, setImported: setImported,
                 samples: () => samples };
    }

    window.CostsimTrafficInput = { create: create };
})();
