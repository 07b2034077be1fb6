// The usage drop zone: a Lambda log (REPORT lines, a CloudWatch Logs export, JSON log records,
// `aws logs filter-log-events` output) or CloudWatch metrics JSON, dropped or chosen, is sent as read
// to the server's import endpoint; the server derives the workload. The page fills the traffic
// profile, the duration and the Lambda's memory from its answer and lists what was derived.
// A trace (an Azure Functions 2019 invocations file, with its durations and memory files dropped
// together or one after another, or a timestamp,count CSV) goes to /api/v1/import/trace: of an
// Azure file the page lists the functions and sends the headers and the chosen function's lines
// only (those holding its hashes; the server matches them again), so a whole day's files fit a
// request. Design/page.md explains the choices; Design/imports.md the formats.
(function () {
    "use strict";

    /// The body limit (kMaxJsonBytes, include/costsim/json.hpp) less room for the JSON around a log.
    const kMaxFileBytes = 60 * 1024;
    const kLogsPath = "/api/v1/import/lambda-logs";
    const kMetricsPath = "/api/v1/import/cloudwatch";
    const kTracePath = "/api/v1/import/trace";
    /// An Azure trace file is read whole and cut to one function's lines: the full trace's day of
    /// invocations is about 143 MB (Design/imports.md).
    const kMaxTraceFileBytes = 256 * 1024 * 1024;
    /// The functions listed in the picker (a day of the full trace has about 46,000).
    const kMaxListedFunctions = 1000;

    const tk = (key) => key;   // marks a key the i18n check looks for
    const $ = (id) => document.getElementById(id);

    /// The first line of a text, without "\r".
    function firstLine(text) {
        const end = text.indexOf("\n");
        return (end < 0 ? text : text.slice(0, end)).replace(/\r$/, "");
    }

    /// Which import a file's text is for: "logs", "metrics", "invocations" (Azure 2019), "durations",
    /// "memory" (its other files), "csv" (timestamp,count) or "" (none). The server checks the
    /// format itself; this only picks the endpoint and the body's field.
    function kindOf(text) {
        const header = firstLine(text);
        if (/(^|,)\s*HashFunction\s*(,|$)/.test(header) && /,\s*(minute_)?1\s*,/.test(header)) return "invocations";
        if (/(^|,)\s*AverageAllocatedMb\s*(,|$)/.test(header)) return "memory";
        if (/(^|,)\s*HashFunction\s*(,|$)/.test(header) && /(^|,)\s*Average\s*(,|$)/.test(header)) return "durations";
        if (/^\s*(timestamp|time)\s*,\s*(count|requests)\s*$/i.test(header)) return "csv";
        if (/"(Datapoints|MetricDataResults)"\s*:/.test(text)) return "metrics";
        if (/REPORT RequestId:|"platform\.report"|"logStreamName"/.test(text)) return "logs";
        return "";
    }

    /// An Azure file's lines: the header's fields and the data lines (blank ones left out).
    function tableOf(text) {
        const lines = text.split("\n").map((l) => l.replace(/\r$/, ""));
        const header = lines[0].split(",").map((f) => f.trim());
        return { header: header, headerLine: lines[0], rows: lines.slice(1).filter((l) => l.trim() !== "") };
    }

    /// A data line's field `name` (the hash columns come before the minutes: split no further).
    function fieldOf(table, line, name) {
        const at = table.header.indexOf(name);
        if (at < 0) return "";
        const cells = line.split(",", at + 1);
        return cells.length > at ? cells[at].trim() : "";
    }

    /// The body for /api/v1/import/trace: an Azure file (`invocations`: { text, table }) cut to the
    /// function's lines at `row` (the header and the lines holding its HashFunction, or its HashApp
    /// for the memory file), a CSV as read; `duration` (the page's) when no durations text gives one.
    /// The row picker of the bundled sample sends its files through this too (traffic_input.js).
    function traceBodyOf(invocations, row, durations, memory, duration) {
        const body = {};
        if (invocations.table) {
            const line = invocations.table.rows[row];
            body.invocations = invocations.table.headerLine + "\n" + line + "\n";
            const hash = fieldOf(invocations.table, line, "HashFunction");
            const app = fieldOf(invocations.table, line, "HashApp");
            const cut = (text, key) => {
                const t = tableOf(text);
                return [t.headerLine, ...(key ? t.rows.filter((l) => l.includes(key)) : [])].join("\n") + "\n";
            };
            if (durations !== null) body.durations = cut(durations, hash);
            if (memory !== null) body.memory = cut(memory, app);
        } else {
            body.invocations = invocations.text;
        }
        if (!body.durations) body.duration_ms = Number(duration);
        return body;
    }

    /// `env`: t(key, params), quantity(n), traffic (the traffic selector), duration() (the typed
    /// duration, ms), setDuration(ms), setLambdaMemory(mb).
    function create(env) {
        let status = { key: tk("usage.none"), params: {} };
        let error = "";
        let derived = [];   // [label key, value text] of the last import
        // The trace's files read in this tab: { name, text, table? } each, and the chosen row.
        const trace = { invocations: null, durations: null, memory: null, row: 0 };

        function render() {
            $("usage-status").textContent = env.t(status.key, status.params);
            const box = $("usage-file-error");
            box.hidden = error === "";
            box.textContent = error;
            $("usage-file").setAttribute("aria-invalid", error === "" ? "false" : "true");
            const list = $("usage-derived");
            list.replaceChildren();
            for (const [key, value] of derived) {
                const dt = document.createElement("dt");
                dt.textContent = env.t(key);
                const dd = document.createElement("dd");
                dd.textContent = value;
                list.append(dt, dd);
            }
            list.hidden = derived.length === 0;
            renderPicker();
        }

        /// The function picker: shown for an Azure invocations file of more than one row.
        function renderPicker() {
            const table = trace.invocations && trace.invocations.table;
            const rows = table ? table.rows : [];
            $("usage-trace-fields").hidden = rows.length < 2;
            const select = $("usage-trace-row");
            const options = rows.slice(0, kMaxListedFunctions).map((line, i) => {
                const trigger = fieldOf(table, line, "Trigger");
                const option = document.createElement("option");
                option.value = String(i);
                option.textContent = env.t(trigger ? tk("usage.trace_row_option") : tk("usage.trace_row_option_no_trigger"), {
                    index: i, hash: fieldOf(table, line, "HashFunction").slice(0, 8), trigger: trigger });
                return option;
            });
            select.replaceChildren(...options);
            select.value = String(trace.row);
            $("usage-trace-rows").textContent = rows.length > kMaxListedFunctions
                ? env.t("usage.trace_rows_listed", { listed: env.quantity(kMaxListedFunctions), rows: env.quantity(rows.length) })
                : env.t("usage.trace_rows", { rows: env.quantity(rows.length) });
        }

        function fail(message) {
            error = message;
            derived = [];
            render();
        }

        /// "read 6, used 4, skipped 2 (2 not a REPORT line)": the server's counts, as it gave them.
        function countsOfLogs(s) {
            const skipped = (s.skipped || []).map((k) => k.count + " " + k.reason).join("; ");
            return env.t("usage.counts", { read: env.quantity(s.lines_read), used: env.quantity(s.records_used),
                                           skipped: env.quantity(s.lines_skipped) }) + (skipped ? " (" + skipped + ")" : "");
        }

        function distribution(d) {
            return env.t("usage.distribution", { mean: env.quantity(d.mean), p50: env.quantity(d.p50),
                                                 p95: env.quantity(d.p95), p99: env.quantity(d.p99) });
        }

        function applyLogs(name, body) {
            const s = body.summary;
            const w = body.scenario.workload;
            derived = [
                [tk("usage.format"), s.format],
                [tk("usage.lines"), countsOfLogs(s)],
                [tk("usage.requests"), env.quantity(s.requests_per_month)],
                [tk("usage.duration"), distribution(s.duration_ms)],
                [tk("usage.billed_duration"), distribution(s.billed_duration_ms)],
                [tk("usage.memory"), env.t("usage.memory_value", { size: env.quantity(s.memory_mb),
                                                              used: env.quantity(s.max_memory_used_mb) })],
                [tk("usage.cold_starts"), env.quantity(s.cold_starts)],
                [tk("usage.init_billing"), s.init_billing],
            ];
            const lambda = (body.scenario.offerings || []).find((o) => o.kind === "lambda");
            env.setDuration(w.duration_ms);
            if (lambda) env.setLambdaMemory(lambda.memory_mb);
            env.traffic.setImported(name, w.traffic || null, s.requests_per_month);
        }

        function applyMetrics(name, body) {
            const m = body.cloudwatch;
            const w = body.scenario.workload;
            const counts = env.t("usage.counts", { read: env.quantity(m.summary.read), used: env.quantity(m.summary.used),
                                                   skipped: env.quantity(m.summary.skipped) });
            derived = [
                [tk("usage.format"), "cloudwatch " + m.traffic_metric],
                [tk("usage.datapoints"), counts + " · " + env.t("usage.periods", {
                    periods: env.quantity(m.periods), period: env.quantity(m.period_s), zero: env.quantity(m.filled_with_zero) })],
                [tk("usage.requests"), env.quantity(m.requests_per_month)],
            ];
            if (m.mean_duration_ms !== null) {
                derived.push([tk("usage.duration_mean"), env.quantity(m.mean_duration_ms)]);
                env.setDuration(m.mean_duration_ms);
            } else {
                derived.push([tk("usage.duration_mean"), env.t("usage.duration_kept", { ms: env.quantity(w.duration_ms) })]);
            }
            env.traffic.setImported(name, w.traffic || null, m.requests_per_month);
        }

        function countsOf(s) {
            const skipped = (s.skipped_by_reason || []).map((k) => k.count + " " + k.reason).join("; ");
            return env.t("usage.counts", { read: env.quantity(s.read), used: env.quantity(s.used),
                                           skipped: env.quantity(s.skipped) }) + (skipped ? " (" + skipped + ")" : "");
        }

        function applyTrace(name, body) {
            const t = body.trace;
            const w = body.scenario.workload;
            const table = trace.invocations && trace.invocations.table;
            derived = [[tk("usage.format"), t.format]];
            if (t.format === "csv") {
                derived.push([tk("usage.lines"), countsOf(t.summary.invocations)]);
            } else {
                derived.push([tk("usage.trace_function"), env.t("usage.trace_function_value", {
                    index: trace.row, rows: env.quantity(table ? table.rows.length : 1), hash: t.hash_function.slice(0, 8) })]);
            }
            derived.push([tk("usage.trace_invocations"), env.t("usage.trace_invocations_value", {
                count: env.quantity(t.invocations), intervals: env.quantity(t.intervals), interval: env.quantity(t.interval_s) })]);
            derived.push([tk("usage.requests"), env.quantity(t.requests_per_month)]);
            if (t.duration) {
                const p = t.duration.percentiles_ms || {};
                derived.push([tk("usage.duration_mean"), env.t(p.p50 !== undefined && p.p99 !== undefined
                    ? tk("usage.trace_duration_value") : tk("usage.trace_duration_plain"), {
                    mean: env.quantity(t.duration.average_ms), p50: env.quantity(p.p50), p99: env.quantity(p.p99) })]);
                env.setDuration(w.duration_ms);
            } else {
                derived.push([tk("usage.duration_mean"), env.t("usage.trace_duration_kept", { ms: env.quantity(w.duration_ms) })]);
            }
            if (t.memory) {
                derived.push([tk("usage.memory"), env.t("usage.trace_memory_value", {
                    mb: env.quantity(t.memory.lambda_memory_mb), average: env.quantity(t.memory.average_allocated_mb) })]);
                env.setLambdaMemory(t.memory.lambda_memory_mb);
            } else {
                derived.push([tk("usage.memory"), env.t("usage.trace_memory_kept")]);
            }
            for (const note of t.notes || []) derived.push([tk("usage.note"), note]);
            env.traffic.setImported(name, w.traffic || null, t.requests_per_month);
        }

        /// The body for /api/v1/import/trace from the files read so far.
        function traceBody() {
            return JSON.stringify(traceBodyOf(trace.invocations, trace.row, trace.durations ? trace.durations.text : null,
                                              trace.memory ? trace.memory.text : null, env.duration()));
        }

        /// Sends the trace read so far (once its invocations or CSV file is there).
        async function importTrace() {
            const name = trace.invocations.name;
            const text = traceBody();
            if (text.length > kMaxFileBytes) {
                status = { key: tk("usage.none"), params: {} };
                return fail(env.t("usage.too_large", { name: name, kib: kMaxFileBytes / 1024 }));
            }
            status = { key: tk("usage.sending"), params: { name: name } };
            error = "";
            render();
            let response, answer;
            try {
                response = await fetch(kTracePath, { method: "POST", body: text,
                    headers: { "Content-Type": "application/json", Accept: "application/json" } });
                answer = await response.json();
            } catch (err) {
                status = { key: tk("usage.none"), params: {} };
                return fail(env.t("usage.failed"));
            }
            if (!response.ok) {
                status = { key: tk("usage.refused"), params: { name: name } };
                return fail(answer && answer.error ? answer.error.message : env.t("usage.failed"));
            }
            status = { key: tk("usage.read_trace"), params: { name: name } };
            applyTrace(name, answer);
            render();
        }

        /// A trace file read: kept with the others of the trace, then the trace is sent when it can be.
        function addTraceFile(kind, name, text) {
            const file = { name: name, text: text };
            if (kind === "invocations" || kind === "csv") {
                if (kind === "invocations") file.table = tableOf(text);
                trace.invocations = file;
                trace.row = 0;
            } else {
                trace[kind] = file;
            }
            if (!trace.invocations) {
                status = { key: tk("usage.trace_waiting"), params: { name: name } };
                error = "";
                derived = [];
                return render();
            }
            if (trace.invocations.table === undefined && kind !== "csv" && kind !== "invocations")
                return fail(env.t("usage.trace_csv_alone", { name: name }));
            return importTrace();
        }

        /// The metrics need a duration when they have no Duration metric: the page's is sent then.
        async function post(kind, text) {
            const headers = { "Content-Type": "application/json", Accept: "application/json" };
            if (kind === "logs") return fetch(kLogsPath, { method: "POST", headers: headers, body: JSON.stringify({ log: text }) });
            let response = await fetch(kMetricsPath, { method: "POST", headers: headers, body: text });
            if (response.status === 400) {
                const answer = await response.clone().json();
                if (answer && answer.error && answer.error.field === "query.duration_ms")
                    response = await fetch(kMetricsPath + "?duration_ms=" + encodeURIComponent(env.duration()),
                                           { method: "POST", headers: headers, body: text });
            }
            return response;
        }

        async function importText(name, text) {
            const kind = kindOf(text);
            if (!kind) return fail(env.t("usage.unknown_format", { name: name }));
            if (kind !== "logs" && kind !== "metrics") return addTraceFile(kind, name, text);
            status = { key: tk("usage.sending"), params: { name: name } };
            error = "";
            render();
            let response, answer;
            try {
                response = await post(kind, text);
                answer = await response.json();
            } catch (err) {
                status = { key: tk("usage.none"), params: {} };
                return fail(env.t("usage.failed"));
            }
            if (!response.ok) {
                status = { key: tk("usage.refused"), params: { name: name } };
                return fail(answer && answer.error ? answer.error.message : env.t("usage.failed"));
            }
            status = { key: kind === "logs" ? tk("usage.read_logs") : tk("usage.read_metrics"), params: { name: name } };
            if (kind === "logs") applyLogs(name, answer);
            else applyMetrics(name, answer);
            render();
        }

        function readText(file) {
            return new Promise((resolve, reject) => {
                const reader = new FileReader();
                reader.onload = () => resolve(String(reader.result));
                reader.onerror = () => reject(reader.error);
                reader.readAsText(file);
            });
        }

        /// Reads the files dropped or chosen together; a trace's invocations file goes last, so its
        /// durations and memory files are there when it is sent. A large file is read only when its
        /// start says it is a trace file (cut to one function before it is sent).
        async function readFiles(files) {
            const read = [];
            for (const file of files) {
                if (file.size > kMaxTraceFileBytes) {
                    status = { key: tk("usage.none"), params: {} };
                    return fail(env.t("usage.too_large", { name: file.name, kib: kMaxTraceFileBytes / 1024 }));
                }
                let text;
                try {
                    if (file.size > kMaxFileBytes) {
                        const start = await readText(file.slice(0, 64 * 1024));
                        if (!["invocations", "durations", "memory"].includes(kindOf(start))) {
                            status = { key: tk("usage.none"), params: {} };
                            return fail(env.t("usage.too_large", { name: file.name, kib: kMaxFileBytes / 1024 }));
                        }
                    }
                    text = await readText(file);
                } catch (err) {
                    return fail(env.t("usage.failed"));
                }
                read.push({ name: file.name, text: text, kind: kindOf(text) });
            }
            const last = (f) => (f.kind === "invocations" || f.kind === "csv" ? 1 : 0);
            read.sort((a, b) => last(a) - last(b));
            for (const [i, f] of read.entries()) {
                // the statistics files before the invocations file only wait for it
                if (i < read.length - 1 && (f.kind === "durations" || f.kind === "memory")) trace[f.kind] = { name: f.name, text: f.text };
                else await importText(f.name, f.text);
            }
        }

        function wire() {
            // the file is an input once imported, not when chosen
            window.CostsimDropZone.wire($("usage-drop"), $("usage-file"), readFiles, { isolate: true });
            const picker = $("usage-trace-row");
            for (const type of ["input", "change"]) picker.addEventListener(type, (e) => e.stopPropagation());
            picker.addEventListener("change", () => {
                trace.row = Number(picker.value);
                if (trace.invocations) importTrace();
            });
            render();
        }

        return { wire: wire, refreshTexts: render, importText: importText };
    }

    window.CostsimUsageImport = { create: create, tableOf: tableOf, traceBodyOf: traceBodyOf, tracePath: kTracePath };
})();
