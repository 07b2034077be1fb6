// The usage drop zone: a Lambda log (REPORT lines, a CloudWatch Logs export, JSON log records,
// `aws logs filter-log-events` output) or CloudWatch metrics JSON, dropped or chosen, is sent as read
// to the server's import endpoint; the server derives the workload. The page fills the traffic
// profile, the duration and the Lambda's memory from its answer and lists what was derived.
// Design/page.md explains the choices; Design/imports.md the formats.
(function () {
    "use strict";

    /// The body limit (kMaxJsonBytes, include/costsim/json.hpp) less room for the JSON around a log.
    const kMaxFileBytes = 60 * 1024;
    const kLogsPath = "/api/v1/import/lambda-logs";
    const kMetricsPath = "/api/v1/import/cloudwatch";

    const tk = (key) => key;   // marks a key the i18n check looks for
    const $ = (id) => document.getElementById(id);

    /// Which import a file's text is for: "logs", "metrics" or "" (neither). The server checks the
    /// format itself; this only picks the endpoint.
    function kindOf(text) {
        if (/"(Datapoints|MetricDataResults)"\s*:/.test(text)) return "metrics";
        if (/REPORT RequestId:|"platform\.report"|"logStreamName"/.test(text)) return "logs";
        return "";
    }

    /// `env`: t(key, params), quantity(n), traffic (the traffic selector), duration() (the typed
    /// duration, ms), setDuration(ms), setLambdaMemory(mb).
    function create(env) {
        let status = { key: tk("usage.none"), params: {} };
        let error = "";
        let derived = [];   // [label key, value text] of the last import

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

        function readFile(file) {
            if (!file) return;
            if (file.size > kMaxFileBytes) {
                status = { key: tk("usage.none"), params: {} };
                return fail(env.t("usage.too_large", { name: file.name, kib: kMaxFileBytes / 1024 }));
            }
            const reader = new FileReader();
            reader.onload = () => importText(file.name, String(reader.result));
            reader.onerror = () => fail(env.t("usage.failed"));
            reader.readAsText(file);
        }

        function wire() {
            const input = $("usage-file");
            // the file is an input once imported, not when chosen
            for (const type of ["input", "change"]) input.addEventListener(type, (e) => e.stopPropagation());
            input.addEventListener("change", () => readFile(input.files && input.files[0]));
            const zone = $("usage-drop");
            zone.addEventListener("dragover", (e) => {
                e.preventDefault();
                zone.classList.add("dragging");
            });
            zone.addEventListener("dragleave", () => zone.classList.remove("dragging"));
            zone.addEventListener("drop", (e) => {
                e.preventDefault();
                zone.classList.remove("dragging");
                readFile(e.dataTransfer && e.dataTransfer.files && e.dataTransfer.files[0]);
            });
            render();
        }

        return { wire: wire, refreshTexts: render, importText: importText };
    }

    window.CostsimUsageImport = { create: create };
})();
