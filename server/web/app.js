// The cost-sim page: reads the inputs, asks the API, shows what it answers.
// It computes no price: every figure shown comes from /api/v1/compare or /api/v1/sweep.
// Design/page.md explains the choices.
(function () {
    "use strict";

    const I18N = window.COSTSIM_I18N;
    const F = window.CostsimFormat;
    const Share = window.CostsimShareState;
    /// Marks a translation key that is looked up later (tests/e2e/i18n_keys.mjs collects these).
    const tk = (key) => key;

    const kDebounceMs = 300;
    const kChartPoints = 160;
    const kReferenceRps = [1, 10, 100, 1000];
    const kMaxOfferings = 20;   // the API's bound (CompareLimits::max_offerings)
    const kMaxChartRps = 3.8e6;   // the API's bound on traffic (CompareLimits::max_rps)
    const kDefaultRange = { from_rps: 0.01, to_rps: 10000 };

    const kProviderKeys = {
        aws: tk("provider.aws"), gcp: tk("provider.gcp"), azure: tk("provider.azure"),
        oci: tk("provider.oci"), sakura: tk("provider.sakura"),
    };
    const kUnitKeys = { hour: tk("unit.hour"), month: tk("unit.month") };
    const kBreakEvenKeys = {
        crossing: tk("break_even.crossing"), step: tk("break_even.step"), tie: tk("break_even.tie"),
    };
    /// The API's stable error codes; "network" and "http" are the page's own, already translated.
    const kApiErrorKeys = {
        invalid_input: tk("api_error.invalid_input"), price_not_found: tk("api_error.price_not_found"),
        limit_exceeded: tk("api_error.limit_exceeded"), parse_error: tk("api_error.parse_error"),
        invalid_catalog: tk("api_error.invalid_catalog"),
    };
    /// Bill flags by their stable code (above_baseline has a second wording off AWS).
    const kFlagKeys = {
        single_instance: tk("flag.single_instance"), over_capacity: tk("flag.over_capacity"),
        above_baseline: tk("flag.above_baseline"), above_baseline_throttled: tk("flag.above_baseline_throttled"),
        provisioned_spillover: tk("flag.provisioned_spillover"),
        throttled: tk("flag.throttled"), at_risk: tk("flag.at_risk"),
        provisioned_suggestion: tk("flag.provisioned_suggestion"),
    };
    /// Figures of a bill under a traffic profile (its conventions), shown next to the verdict.
    const kTrafficFigureKeys = {
        cold_starts: tk("figures.cold_starts"), throttled_requests: tk("figures.throttled_requests"),
        requests_at_risk: tk("figures.requests_at_risk"), peak_concurrency: tk("figures.peak_concurrency"),
        mean_instances: tk("figures.mean_instances"), peak_instances: tk("figures.peak_instances"),
    };
    /// Flags that belong next to those figures, as short badges.
    const kTrafficBadgeKeys = { throttled: tk("figures.badge_throttled"), at_risk: tk("figures.badge_at_risk") };
    /// Line items by kind: the library's name for the billed dimension, before its qualifiers.
    const kItemKeys = {
        "Requests": tk("item.requests"), "Duration": tk("item.duration"),
        "Provisioned concurrency": tk("item.provisioned_concurrency"),
        "Duration on provisioned concurrency": tk("item.duration_provisioned"),
        "Ephemeral storage above 512 MB": tk("item.ephemeral_storage"),
        "API Gateway HTTP API requests": tk("item.http_api_requests"),
        "API Gateway REST API requests": tk("item.rest_api_requests"),
        "Data transfer out to the internet": tk("item.data_out"),
        "Instance usage": tk("item.instance_usage"),
        "Application Load Balancer hours": tk("item.alb_hours"),
        "Application Load Balancer LCU-hours": tk("item.alb_lcu_hours"),
        "EBS gp3 storage": tk("item.ebs_storage"),
        "Memory": tk("item.memory"), "CPU": tk("item.cpu"),
        "Executions": tk("item.executions"), "Execution time": tk("item.execution_time"),
    };
    const kItemUnitKeys = {
        "request": tk("item_unit.request"), "GB-second": tk("item_unit.gb_second"),
        "GiB-second": tk("item_unit.gib_second"), "vCPU-second": tk("item_unit.vcpu_second"),
        "instance-hour": tk("item_unit.instance_hour"), "hour": tk("unit.hour"), "LCU-hour": tk("item_unit.lcu_hour"),
        "OCPU-hour": tk("item_unit.ocpu_hour"), "GB-hour": tk("item_unit.gb_hour"), "GB-month": tk("item_unit.gb_month"),
    };
    const kPurchaseKeys = {
        "on-demand": tk("option.purchase.on-demand"), "1yr": tk("option.purchase.1yr"),
        "3yr": tk("option.purchase.3yr"), "spot": tk("option.purchase.spot"),
    };

    /// The offerings of a fresh page (those the server publishes): Lambda against one fleet.
    const kDefaultOfferings = [{ kind: "lambda", values: {} }, { kind: "vm", values: {} }];

    const $ = (id) => document.getElementById(id);
    /// missingKeys: page strings without a translation; untranslated: descriptor texts shown in
    /// English for want of one (a kind newer than i18n.js).
    const debug = { missingKeys: [], untranslated: [] };
    window.costsimDebug = debug;

    let lang = "en";
    let catalog = { entries: [] };
    let cardUid = 0;
    let form = null;          // the offering cards' builder (offering_form.js), once the kinds are loaded
    let debounceTimer = null;
    let requestSeq = 0;
    let resultSeq = 0;
    let lastGood = null;      // { compare, sweep, metas, compareBody, sweepBody, range }
    let lastRps = null;       // the API's requests/s of the last good result (chart range hint)
    let chart = null;
    let lastError = null;     // the error on screen and its field map, re-worded when the language changes
    let traffic = null;       // the traffic selector (traffic_input.js)
    let timeCharts = null;    // the charts over time (time_charts.js)
    let usageImport = null;   // the usage drop zone (usage_import.js)
    let uncertainty = null;   // the ranges panel and its chart bands (uncertainty.js)
    let flip = null;          // the "what would flip it" sentences (flip.js)

    // ---------------------------------------------------------------- translation

    function t(key, params) {
        const dict = I18N[lang] || I18N.en;
        let text = dict[key];
        if (text === undefined) {
            debug.missingKeys.push(lang + ":" + key);
            text = I18N.en[key];
        }
        if (text === undefined) return "";   // never show a raw key
        if (params) {
            text = text.replace(/\{(\w+)\}/g, (whole, name) =>
                Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole);
        }
        return text;
    }

    /// A string that may have no entry: a kind's or field's Japanese (its English is the
    /// descriptor's), a choice's name. Falls back to English, then to `fallback`.
    function text(key, fallback) {
        const dict = I18N[lang] || I18N.en;
        if (dict[key] !== undefined) return dict[key];
        if (I18N.en[key] !== undefined) return I18N.en[key];
        const miss = lang + ":" + key;
        if (lang !== "en" && key.startsWith("kind") && !debug.untranslated.includes(miss)) debug.untranslated.push(miss);
        return fallback;
    }

    // ---------------------------------------------------------------- the API's words, translated
    // Line items, flags and errors come from the API in English. In another language they are
    // rebuilt from their stable parts (flag code, error code and field, line-item kind and
    // qualifiers); anything not known here is shown as the API wrote it.

    function flagText(flag) {
        if (lang === "en") return flag.message;
        const code = flag.code === "above_baseline" && /throttled/.test(flag.message) ? "above_baseline_throttled" : flag.code;
        return kFlagKeys[code] ? t(kFlagKeys[code]) : flag.message;
    }

    function itemUnit(unit) {
        return lang !== "en" && kItemUnitKeys[unit] ? t(kItemUnitKeys[unit]) : unit;
    }

    /// "Duration (arm64), tier 2 (over 6,000,000,000 GB-second after the free tier)" and the like.
    function itemName(name) {
        if (lang === "en") return name;
        const m = /^(.*?)( \(([^()]*)\))?(, free tier|, tier (\d+) \((.*)\)|, OCPU|, memory)?$/.exec(name);
        if (!m || !kItemKeys[m[1]]) return name;
        let text = t(kItemKeys[m[1]]);
        if (m[3] !== undefined) {
            const args = m[3].split(", ").map((part) => (kPurchaseKeys[part] ? t(kPurchaseKeys[part]) : part));
            text += t("item.args", { args: args.join(t("item.args_separator")) });
        }
        if (m[4] === ", free tier") return text + t("item.free_tier");
        if (m[4] === ", OCPU") return text + t("item.ocpu");
        if (m[4] === ", memory") return text + t("item.memory_part");
        if (m[5] !== undefined) {
            const range = /^(?:over (.+?)|(.+?) to (.+?)) (\S+)( after the free tier)?$/.exec(m[6]);
            if (!range) return text + t("item.tier", { n: m[5] });
            const unit = itemUnit(range[4]);
            const span = range[1] !== undefined ? t("item.range_over", { from: range[1], unit: unit })
                : t("item.range", { from: range[2], to: range[3], unit: unit });
            return text + t(range[5] ? tk("item.tier_range_after_free") : tk("item.tier_range"), { n: m[5], range: span });
        }
        return text;
    }

    /// "free tier: first 1,000,000 request per month", "on-demand $0.0104 per hour".
    function itemNote(note) {
        if (lang === "en") return note;
        const free = /^free tier: first (\S+) (\S+) per month$/.exec(note);
        if (free) return t("item.note_free", { amount: free[1], unit: itemUnit(free[2]) });
        const plain = /^(on-demand|1yr|3yr|spot) (\S+) per (\S+)$/.exec(note);
        if (plain) return t("item.note_price", { purchase: t(kPurchaseKeys[plain[1]]), price: plain[2], unit: itemUnit(plain[3]) });
        return note;
    }

    /// The label of the input behind an error, as the page shows it.
    function inputLabel(input) {
        if (!input || !input.id) return "";
        const label = document.querySelector('label[for="' + input.id + '"]');
        return label ? label.textContent.trim() : "";
    }

    /// The API's error in the page's language: built from its code and field, with the value it
    /// got and the catalog's closest names taken from the message; English as the API wrote it.
    function errorText(error, target) {
        if (lang === "en" || !kApiErrorKeys[error.code]) return error.message;
        const field = inputLabel(target && target.input) || error.field || "";
        let text = t(kApiErrorKeys[error.code], { field: field });
        const got = /, got (.+)$/.exec(error.message);
        if (got && error.code === "invalid_input") text += t("api_error.got", { value: got[1] });
        const closest = /\(closest: ([^)]*)\)/.exec(error.message);
        if (closest) text += t("api_error.closest", { names: closest[1] });
        return text;
    }

    function translateTree(root) {
        root.querySelectorAll("[data-i18n]").forEach((el) => { el.textContent = t(el.dataset.i18n); });
        root.querySelectorAll("[data-i18n-aria]").forEach((el) => {
            el.setAttribute("aria-label", t(el.dataset.i18nAria));
        });
    }

    function applyLanguage() {
        document.documentElement.lang = lang;
        translateTree(document);
        document.title = t("app.title");
        $("chart").setAttribute("aria-label", t("chart.aria"));   // renderChart adds the details
        $("traffic-chart").setAttribute("aria-label", t("traffic_chart.aria_plain"));
        $("fleet-chart").setAttribute("aria-label", t("fleet_chart.aria_plain"));
        fillAddKinds();
        renumberCards();
        renderCatalogInfo();
        renderLinkNote();
        if (traffic) traffic.refreshTexts();
        if (usageImport) usageImport.refreshTexts();
        renderShareNote();
        if (lastGood) renderResults();
        else renderStatus();
        if (lastError) showApiError(lastError.error, lastError.fields);
    }

    // ---------------------------------------------------------------- catalog

    function providerName(provider) {
        return kProviderKeys[provider] ? t(kProviderKeys[provider]) : provider;
    }

    function unitName(unit) {
        return kUnitKeys[unit] ? t(kUnitKeys[unit]) : unit;
    }

    function instanceOptionText(entry) {
        const price = entry.price !== undefined ? F.unitPrice(entry.price, entry.currency, lang) : "—";
        if (entry.provider === "oci") {
            // OCI's catalog counts OCPUs (instance.vcpu): 2 vCPUs each on x86, 1 on Arm.
            const ocpu = entry.instance.vcpu;
            return t("catalog.instance_option_ocpu", {
                name: entry.instance.name,
                ocpu: F.quantity(ocpu, lang),
                vcpu: F.quantity(entry.instance.arch === "arm64" ? ocpu : 2 * ocpu, lang),
                memory: F.quantity(entry.instance.memory_gib, lang),
                price: price,
                unit: unitName(entry.unit),
            });
        }
        return t("catalog.instance_option", {
            name: entry.instance.name,
            vcpu: F.quantity(entry.instance.vcpu, lang),
            memory: F.quantity(entry.instance.memory_gib, lang),
            price: price,
            unit: unitName(entry.unit),
        });
    }

    /// Fills a <select> with values, keeping `wanted` selectable even if the catalog lacks it
    /// (a share link made with another catalog): the API then says what is wrong with it.
    function fillSelect(select, items, wanted) {
        select.replaceChildren();
        for (const item of items) {
            const option = document.createElement("option");
            option.value = item.value;
            option.textContent = item.text;
            select.appendChild(option);
        }
        if (wanted && !items.some((item) => item.value === wanted)) {
            const option = document.createElement("option");
            option.value = wanted;
            option.textContent = wanted;
            select.appendChild(option);
        }
        if (wanted) select.value = wanted;
    }

    function renderCatalogInfo() {
        const info = $("catalog-info");
        info.textContent = catalog.version
            ? t("footer.catalog", { version: catalog.version, as_of: catalog.as_of }) : "";
    }

    async function loadCatalog() {
        try {
            const response = await fetch("/api/v1/catalog", { headers: { Accept: "application/json" } });
            if (!response.ok) throw new Error(String(response.status));
            const body = await response.json();
            if (!body || !Array.isArray(body.entries)) throw new Error("entries");
            catalog = body;
        } catch (err) {
            catalog = { entries: [] };
            showGeneralError(t("errors.catalog"));
        }
    }

    /// The offering kinds' descriptors; the cards are built from them.
    async function loadKinds() {
        try {
            const response = await fetch("/api/v1/offering-kinds", { headers: { Accept: "application/json" } });
            if (!response.ok) throw new Error(String(response.status));
            const body = await response.json();
            if (!body || !Array.isArray(body.kinds)) throw new Error("kinds");
            return body.kinds;
        } catch (err) {
            showGeneralError(t("errors.kinds"));
            return [];
        }
    }

    // ---------------------------------------------------------------- offering cards

    /// Sets a form input as if typed: the page prices again.
    function setInput(input, value) {
        input.value = value;
        input.dispatchEvent(new Event("input", { bubbles: true }));
    }

    function createTraffic() {
        // the first Lambda card's memory, as a trace import or a sample row derives it
        const setLambdaMemory = (mb) => {
            const input = document.querySelector('.offering-card[data-kind="lambda"] [data-field="memory_mb"] input, ' +
                                                '.offering-card[data-kind="lambda"] [data-field="memory_mb"] select');
            if (input) setInput(input, String(mb));
        };
        traffic = window.CostsimTrafficInput.create({
            t: t, quantity: (n) => F.quantity(n, lang), fillSelect: fillSelect, changed: scheduleUpdate,
            setLambdaMemory: setLambdaMemory,
        });
        usageImport = window.CostsimUsageImport.create({
            t: t, quantity: (n) => F.quantity(n, lang), traffic: traffic,
            duration: () => $("duration").value,
            setDuration: (ms) => setInput($("duration"), String(Math.round(ms * 1000) / 1000)),
            setLambdaMemory: setLambdaMemory,
        });
        createDecisions();
        timeCharts = window.CostsimTimeCharts.create({
            t: t, quantity: (n) => F.quantity(n, lang), rps: (n) => F.rps(n, lang), perMonth: (n) => F.perMonth(n, lang),
            duration: durationText, cssVar: cssVar,
        });
    }

    /// The ranges and the flip sentences: their answers come after the comparison's, each from its
    /// own request (uncertainty.js, flip.js).
    function createDecisions() {
        const label = (id) => (lastGood ? labelShort(metaOf(id)) : id);
        uncertainty = window.CostsimUncertainty.create({
            t: t, lang: () => lang, label: label, money: (v, currency) => F.money(v, currency, lang),
            rps: (n) => F.rps(n, lang), quantity: (n) => F.quantity(n, lang), share: (n) => F.share(n, lang),
            currentRps: () => (lastGood && lastGood.compare.results.length ? lastGood.compare.results[0].requests_per_second : 0),
            cssVar: cssVar, redraw: () => { if (lastGood) renderChart(); },
        });
        flip = window.CostsimFlip.create({
            t: t, label: label, rps: (n) => F.rps(n, lang), quantity: (n) => F.quantity(n, lang),
            signedShare: (n) => F.signedShare(n, lang),
        });
    }

    /// "1 min", "5 min", "1 h", "1 day", "30 s": a bucket or granularity the API names in seconds.
    function durationText(seconds) {
        if (seconds % 86400 === 0) return t("duration.days", { n: F.quantity(seconds / 86400, lang) });
        if (seconds % 3600 === 0) return t("duration.hours", { n: F.quantity(seconds / 3600, lang) });
        if (seconds % 60 === 0) return t("duration.minutes", { n: F.quantity(seconds / 60, lang) });
        return t("duration.seconds", { n: F.quantity(seconds, lang) });
    }

    function createForm(kinds) {
        form = window.CostsimOfferingForm.create({
            t: t, text: text, lang: () => lang, quantity: (n) => F.quantity(n, lang), catalog: () => catalog,
            providerName: providerName, instanceOptionText: instanceOptionText, fillSelect: fillSelect,
        });
        form.setKinds(kinds);
    }

    const cards = () => [...document.querySelectorAll(".offering-card")];

    function addCard(kind, values) {
        const card = form.buildCard(kind, values, ++cardUid);
        card.querySelector('[data-action="remove"]').addEventListener("click", () => {
            const next = card.nextElementSibling || card.previousElementSibling;
            card.remove();
            renumberCards();
            (next ? next.querySelector("input, select") : $("add-kind")).focus();
            scheduleUpdate();
        });
        $("offering-list").appendChild(card);
        renumberCards();
        return card;
    }

    /// "VM fleet 2" when there are several of a kind; texts in the page's language.
    function renumberCards() {
        const all = cards();
        all.forEach((card) => {
            const same = all.filter((c) => c.dataset.kind === card.dataset.kind);
            const name = form.kindLabel(card.dataset.kind);
            form.refreshTexts(card, same.length > 1 ? t("card.numbered", { name: name, n: same.indexOf(card) + 1 }) : name);
        });
        $("add-offering").disabled = !form || all.length >= kMaxOfferings || form.kinds().length === 0;
    }

    /// The "Add an offering" list: every kind the server publishes, by label.
    function fillAddKinds() {
        if (!form) return;
        const select = $("add-kind");
        fillSelect(select, form.kinds().map((k) => ({ value: k.name, text: form.kindLabel(k.name) })), select.value);
    }

    // ---------------------------------------------------------------- state <-> inputs

    function readState() {
        return {
            v: Share.version,
            lang: lang,
            currency: $("currency").value,
            rate: $("rate").value,
            traffic: $("traffic").value,
            trafficUnit: $("traffic-unit").value,
            duration: $("duration").value,
            peak: $("peak").value,
            responseKb: $("response-kb").value,
            internet: $("internet").value,
            freeTier: $("free-tier").checked,
            ...traffic.read(),
            ...uncertainty.read(),
            offerings: form ? cards().map((card) => ({ kind: card.dataset.kind, values: form.readCard(card) })) : [],
        };
    }

    /// A decoded link (or nothing) as a state of this page: the defaults fill what it lacks, and
    /// offerings of kinds this server does not publish are dropped (and named).
    function normalise(raw) {
        const defaults = kDefaultOfferings.filter((o) => form && form.hasKind(o.kind));
        if (!defaults.length && form && form.kinds().length) defaults.push({ kind: form.kinds()[0].name, values: {} });
        const state = Share.normalise(raw, defaults, kMaxOfferings);
        const unknown = state.offerings.filter((o) => !form || !form.hasKind(o.kind)).map((o) => o.kind);
        state.offerings = state.offerings.filter((o) => form && form.hasKind(o.kind));
        state.unknownKinds = [...new Set(unknown)];
        return state;
    }

    function writeState(state) {
        $("currency").value = state.currency;
        $("rate").value = state.rate;
        $("traffic").value = state.traffic;
        $("traffic-unit").value = state.trafficUnit === "month" ? "month" : "second";
        $("duration").value = state.duration;
        $("peak").value = state.peak;
        $("response-kb").value = state.responseKb;
        $("internet").value = state.internet;
        $("free-tier").checked = state.freeTier;
        traffic.write(state);
        uncertainty.write(state);
        $("offering-list").replaceChildren();
        for (const offering of state.offerings) addCard(offering.kind, offering.values);
        syncPanels();
        syncPresets();
    }

    function stateFromLocation() {
        const match = /^#s=([A-Za-z0-9_-]+)$/.exec(location.hash);
        return match ? Share.decode(match[1]) : null;
    }

    function shareUrl(state) {
        return location.origin + location.pathname + "#s=" + Share.encode(state);
    }

    /// Identifies the inputs behind a result (language aside): tests wait for the result of
    /// exactly the inputs they set, not for a timer.
    function inputsKey(state) {
        return Share.encode(Object.assign({}, state, { lang: "", file: traffic.key() }));
    }
    debug.inputsKey = () => inputsKey(readState());

    function updateShareLink() {
        const url = shareUrl(readState());
        history.replaceState(null, "", url);
        $("share-link").value = url;
        renderShareNote();
    }

    /// Says when the link cannot carry what is on screen (an uploaded CSV file).
    function renderShareNote() {
        const note = $("share-note");
        const text = traffic ? traffic.shareNote(readState()) : "";
        note.textContent = text;
        note.hidden = !text;
    }

    // ---------------------------------------------------------------- the API request

    function num(text) {
        if (typeof text !== "string" || text.trim() === "") return null;
        const n = Number(text);
        return Number.isFinite(n) ? n : null;
    }

    /// The page's id of an offering: the kind's name, numbered from the second of a kind; a kind
    /// with an instance (a fleet) always numbered and with the instance ("vm-1-t3.micro").
    function offeringId(kind, n, instance) {
        const base = kind.replace(/_/g, "-");
        const id = instance !== "" ? base + "-" + n + "-" + instance : n > 1 ? base + "-" + n : base;
        return id.slice(0, 64);
    }

    /// The scenario the API prices, plus where each of its fields is typed on the page.
    function buildScenario(state) {
        const fields = {};
        const byId = (id) => ({ input: $(id), error: $(id + "-error") });
        const workload = {};
        const profile = traffic.scenario(state);
        // A CSV or a trace row gives the level itself; any profile gives the peaks.
        const trafficKey = state.trafficUnit === "month" ? "requests_per_month" : "requests_per_second";
        if (!profile.absolute) workload[trafficKey] = num(state.traffic);
        workload.duration_ms = num(state.duration);
        workload.response_kb = num(state.responseKb);
        workload.internet_percent = num(state.internet);
        if (profile.traffic) workload.traffic = profile.traffic;
        else workload.peak_to_mean = num(state.peak);
        Object.assign(fields, profile.fields);
        fields["workload.requests_per_month"] = byId("traffic");
        fields["workload.requests_per_second"] = byId("traffic");
        fields["workload.duration_ms"] = byId("duration");
        fields["workload.response_kb"] = byId("response-kb");
        fields["workload.internet_percent"] = byId("internet");
        fields["workload.peak_to_mean"] = byId("peak");
        fields["workload"] = byId("traffic");
        fields["jpy_per_usd"] = byId("rate");
        fields["currency"] = byId("rate");

        const offerings = [];
        const metas = [];
        const shared = { free_tier: state.freeTier };
        const all = cards();
        all.forEach((card, i) => {
            const built = form.offeringOf(card, shared);
            const meta = form.describe(card);
            const same = all.filter((c) => c.dataset.kind === card.dataset.kind);
            meta.n = same.indexOf(card) + 1;
            meta.ofKind = same.length;
            meta.id = offeringId(meta.kind, meta.n, meta.instance);
            offerings.push(Object.assign({ kind: meta.kind, id: meta.id }, built.offering));
            metas.push(meta);
            const cardOnly = { input: null, error: built.cardError };
            for (const [name, target] of Object.entries(built.targets)) fields["offerings[" + i + "]." + name] = target;
            fields["offerings[" + i + "]"] = cardOnly;
        });
        const body = { workload: workload, offerings: offerings, currency: state.currency, jpy_per_usd: num(state.rate) };
        return { body: body, fields: fields, metas: metas, profiled: profile.traffic !== null, absolute: profile.absolute };
    }

    /// The chart's traffic span: four decades around 1 request/s, widened to hold the current
    /// traffic (taken as typed when per second, else from the API's last answer).
    function chartRange(state, absolute) {
        let hint = state.trafficUnit === "second" && !absolute ? num(state.traffic) : lastRps;
        const range = { from_rps: kDefaultRange.from_rps, to_rps: kDefaultRange.to_rps };
        if (hint !== null && hint > 0) {
            hint = Math.min(hint, kMaxChartRps);
            while (range.from_rps > hint / 10) range.from_rps /= 10;
            while (range.to_rps < hint * 10 && range.to_rps < kMaxChartRps) range.to_rps = Math.min(range.to_rps * 10, kMaxChartRps);
        }
        return range;
    }

    async function postJson(path, body) {
        let response;
        try {
            response = await fetch(path, {
                method: "POST",
                headers: { "Content-Type": "application/json", Accept: "application/json" },
                body: JSON.stringify(body),
            });
        } catch (err) {
            return { error: { code: "network", message: t("errors.network"), field: null } };
        }
        let json = null;
        try {
            json = await response.json();
        } catch (err) {
            json = null;
        }
        if (response.ok && json && !json.error) return { data: json };
        if (json && json.error && typeof json.error.message === "string") return { error: json.error };
        return { error: { code: "http", message: t("errors.http", { status: response.status }), field: null } };
    }

    function scheduleUpdate() {
        clearTimeout(debounceTimer);
        syncPanels();
        syncPresets();
        debounceTimer = setTimeout(update, kDebounceMs);
        setState("loading");
    }

    async function update(widened) {
        const seq = ++requestSeq;
        const state = readState();
        if (traffic.pending()) {
            setState("loading");   // a sample row's counts are on their way: priced when they come
            return;
        }
        // The address bar follows the inputs once per settled change (Chromium throttles
        // history updates made on every keystroke).
        updateShareLink();
        const scenario = buildScenario(state);
        const range = chartRange(state, scenario.absolute);
        const compareBody = Object.assign({}, scenario.body, { range: range });
        // under a traffic profile: the bills' series (instances, concurrency) and the profile itself
        if (scenario.profiled) compareBody.include_series = true;
        const sweepBody = Object.assign({}, scenario.body, {
            grid: { from_rps: range.from_rps, to_rps: range.to_rps, points: kChartPoints, scale: "log" },
        });
        setState("loading");
        const [compare, sweep, profile] = await Promise.all([
            postJson("/api/v1/compare", compareBody), postJson("/api/v1/sweep", sweepBody),
            scenario.profiled ? postJson("/api/v1/profile", { workload: scenario.body.workload }) : { data: null },
        ]);
        if (seq !== requestSeq) return;   // a newer request is on its way
        const error = profile.error || compare.error || sweep.error;
        if (error) {
            document.body.dataset.key = inputsKey(state);
            showApiError(error, scenario.fields);
            setState(lastGood ? "invalid" : "error");
            return;
        }
        const rps = compare.data.results.length ? compare.data.results[0].requests_per_second : null;
        lastRps = rps;
        if (!widened && rps > 0 && (rps < range.from_rps || rps > range.to_rps)) {
            update(true);   // per-month traffic outside the chart: ask again over a wider span
            return;
        }
        clearErrors();
        lastGood = { compare: compare.data, sweep: sweep.data, profile: profile.data, source: traffic.source(state),
                     metas: scenario.metas,
                     compareBody: compareBody, sweepBody: sweepBody, range: range };
        resultSeq += 1;
        document.body.dataset.resultSeq = String(resultSeq);
        document.body.dataset.key = inputsKey(state);
        setState("ready");
        renderResults();
        uncertainty.request(state, compareBody, inputsKey(state));
        flip.request(compareBody, inputsKey(state), scenario.profiled);
    }

    // ---------------------------------------------------------------- errors and status

    function clearErrors() {
        lastError = null;
        document.querySelectorAll(".field-error").forEach((p) => { p.hidden = true; p.textContent = ""; });
        document.querySelectorAll("[aria-invalid]").forEach((el) => el.removeAttribute("aria-invalid"));
        document.querySelectorAll(".invalid").forEach((el) => el.classList.remove("invalid"));
        const general = $("general-error");
        general.hidden = true;
        general.textContent = "";
    }

    function showGeneralError(message) {
        const general = $("general-error");
        general.textContent = message;
        general.hidden = false;
    }

    /// Puts the API's message next to the input that produced the field it names.
    function showApiError(error, fields) {
        clearErrors();
        const field = typeof error.field === "string" ? error.field : "";
        // the input of the field, else of the nearest field that contains it
        // ("workload.traffic.requests[3]" -> "workload.traffic", "offerings[2].x" -> "offerings[2]")
        let target = fields[field];
        for (let path = field; !target && /[.[]/.test(path);) {
            const parent = path.replace(/(\.[^.[\]]+|\[\d+\])$/, "");
            if (parent === path || (!/[.[]/.test(parent) && !/^offerings\[/.test(field))) break;
            path = parent;
            target = fields[path];
        }
        const text = errorText(error, target);
        if (target && target.error) {
            target.error.textContent = text;
            if (text !== error.message) target.error.title = error.message;
            else target.error.removeAttribute("title");
            target.error.hidden = false;
            if (target.input) {
                target.input.setAttribute("aria-invalid", "true");
                target.input.classList.add("invalid");
            }
        } else {
            showGeneralError(text);
        }
        lastError = { error: error, fields: fields };
    }

    function setState(state) {
        document.body.dataset.state = state;
        renderStatus();
    }

    function renderStatus() {
        const state = document.body.dataset.state;
        const keys = {
            loading: tk("status.updating"), invalid: tk("status.invalid"),
            error: tk("status.no_result"), ready: tk("status.ready"),
        };
        $("status").textContent = keys[state] ? t(keys[state]) : "";
        $("results").classList.toggle("stale", state === "invalid");
    }

    // ---------------------------------------------------------------- results

    /// "AWS Lambda", "VM fleet t3.small": the kind's label and its instance, numbered ("#2") only
    /// when two offerings would read the same.
    function labelShort(meta) {
        const kind = form ? form.kindLabel(meta.kind) : meta.kind;
        const base = meta.instance ? t("label.with_instance", { name: kind, instance: meta.instance }) : kind;
        const same = lastGood.metas.filter((m) => m.kind === meta.kind && m.instance === meta.instance);
        return same.length > 1 ? t("label.numbered", { name: base, n: same.indexOf(meta) + 1 }) : base;
    }

    /// "AWS Lambda: 512 MB, x86_64 (us-east-1)", "VM fleet t3.micro (AWS us-east-1)": the short
    /// label, the kind's summary fields and where it runs, as chosen on its card.
    function labelLong(meta) {
        const name = labelShort(meta);
        const details = meta.details.join(t("field.separator"));
        const where = meta.provider && meta.region
            ? t("label.provider_region", { provider: providerName(meta.provider), region: meta.region }) : meta.region;
        if (!where) return details ? t("label.details", { name: name, details: details }) : name;
        return details ? t("label.long", { name: name, details: details, where: where })
                       : t("label.with_region", { name: name, region: where });
    }

    /// A label with the region the API priced the offering in: "Lambda (ap-northeast-1)".
    function withRegion(label, id) {
        const result = lastGood.compare.results.find((r) => r.id === id);
        return result && result.region ? t("label.with_region", { name: label, region: result.region }) : label;
    }

    function metaOf(id) {
        return lastGood.metas.find((m) => m.id === id) ||
            { id: id, kind: id, billing: "", details: [], instance: "", region: "", provider: "" };
    }

    function money(value) {
        return F.money(value, lastGood.compare.currency, lang);
    }

    function capitalise(text) {
        return text ? text.charAt(0).toLocaleUpperCase(lang) + text.slice(1) : text;
    }

    /// The API's verdict (compare.verdict: the cheapest, its rival, their standing and break-even
    /// story, the fixed fleets), told in the page's language. Nothing is decided here.
    function renderVerdict() {
        const verdict = $("verdict");
        const cmp = lastGood.compare;
        const v = cmp.verdict;
        const cheapest = cmp.results.find((r) => r.id === v.cheapest);
        verdict.dataset.cheapest = cheapest ? cheapest.id : "";
        verdict.dataset.rival = "";
        if (!cheapest) {
            verdict.textContent = "";
            return;
        }
        const a = withRegion(labelShort(metaOf(cheapest.id)), cheapest.id);
        const rps = F.rps(cheapest.requests_per_second, lang);
        if (v.standing === "single") {
            verdict.textContent = capitalise(t("verdict.single", { a: a, total: money(cheapest.total), rps: rps }));
            return;
        }
        const rival = cmp.results.find((r) => r.id === v.rival);
        verdict.dataset.rival = rival.id;
        const b = withRegion(labelShort(metaOf(rival.id)), rival.id);
        let first;
        if (v.standing === "cheapest_free") {
            first = t("verdict.free", { a: a, b: b, rps: rps, total: money(rival.total) });
        } else if (v.standing === "tie") {
            first = t("verdict.tie", { a: a, b: b, rps: rps, total: money(cheapest.total) });
        } else {
            first = t("verdict.cheaper", { a: a, b: b, rps: rps, ratio: F.ratio(v.rival_relative_to_cheapest, lang) });
        }
        const story = v.break_even;
        const from = story ? F.rps(story.from_requests_per_second, lang) : "";
        const to = story ? F.rps(story.to_requests_per_second, lang) : "";
        let second;
        if (!story) {
            // the pair's break-even was not searched (too long a profile to simulate at every
            // traffic): the comparison's flag says why
            second = t("verdict.not_searched");
        } else if (story.story === "one_change") {
            second = t("verdict.wins_below", { name: labelShort(metaOf(story.cheaper_below)), rps: from });
        } else if (story.story === "several_changes") {
            second = t("verdict.crosses", { count: story.changes, first: from, last: to });
        } else if (story.story === "tie") {
            const params = { from: from, until: to, above: story.cheaper_above ? labelShort(metaOf(story.cheaper_above)) : "" };
            second = story.cheaper_above ? t("verdict.tie_then", params) : t("verdict.tie_range", params);
        } else {
            second = t("verdict.no_break_even", { from: from, to: to });
        }
        verdict.textContent = t("verdict.sentence", { first: capitalise(first), second: second });
        // A fixed fleet that cannot carry more than a known traffic: where it runs out (the API's figure).
        const runsOut = v.fixed_fleets.filter((f) => f.runs_out_at_requests_per_second !== null);
        verdict.dataset.runsOut = runsOut.map((f) => String(f.runs_out_at_requests_per_second)).join(" ");
        for (const f of runsOut) {
            verdict.textContent += " " + capitalise(t("verdict.runs_out", {
                name: labelShort(metaOf(f.id)), instances: instancesText(f.instances),
                rps: F.rps(f.runs_out_at_requests_per_second, lang) }));
        }
    }

    /// "2 instances" / "2 台".
    function instancesText(n) {
        return n === 1 ? t("fleet.instances_one") : t("fleet.instances_many", { n: F.quantity(n, lang) });
    }

    /// Flags of the comparison as a whole (offerings priced in different geographies): the
    /// page's own sentence, then the API's message naming each geography and offering.
    function renderComparisonFlags() {
        const list = $("comparison-flags");
        list.replaceChildren();
        const flags = lastGood.compare.flags || [];
        const keys = { mixed_geographies: tk("flags.mixed_geographies"),
                       break_even_not_searched: tk("flags.break_even_not_searched") };
        for (const flag of flags) {
            const li = document.createElement("li");
            li.dataset.code = flag.code;
            if (keys[flag.code]) {
                const detail = document.createElement("small");
                detail.textContent = flag.message;
                li.append(t(keys[flag.code]), document.createElement("br"), detail);
            } else {
                li.textContent = flag.message;
            }
            list.appendChild(li);
        }
        list.hidden = flags.length === 0;
    }

    function renderBreakEven() {
        const list = $("break-even-list");
        list.replaceChildren();
        const points = lastGood.compare.break_even;
        if (!points.length) {
            const li = document.createElement("li");
            li.className = "empty";
            li.textContent = t("break_even.none", { from: F.rps(lastGood.range.from_rps, lang),
                                                     to: F.rps(lastGood.range.to_rps, lang) });
            list.appendChild(li);
            return;
        }
        for (const p of points) {
            const li = document.createElement("li");
            li.dataset.rps = String(p.requests_per_second);
            li.dataset.between = p.between.join(" ");
            const params = {
                a: labelShort(metaOf(p.between[0])), b: labelShort(metaOf(p.between[1])),
                below: p.cheaper_below ? labelShort(metaOf(p.cheaper_below)) : "",
                above: p.cheaper_above ? labelShort(metaOf(p.cheaper_above)) : "",
                rps: F.rps(p.requests_per_second, lang),
                per_month: F.perMonth(p.requests_per_month, lang),
                until: F.rps(p.until_requests_per_second, lang),
                cost: money(p.cost),
            };
            const key = p.cheaper_below && p.cheaper_above ? kBreakEvenKeys[p.kind] || kBreakEvenKeys.crossing
                : p.kind === "tie" ? kBreakEvenKeys.tie : tk("break_even.generic");
            li.textContent = capitalise(t(key, params));
            if (p.beyond_capacity) {
                li.dataset.beyondCapacity = "true";
                li.textContent += t("break_even.beyond_capacity");
            }
            list.appendChild(li);
        }
    }

    function renderBills() {
        const container = $("bills");
        container.replaceChildren();
        const cmp = lastGood.compare;
        for (const result of cmp.results) {
            const meta = metaOf(result.id);
            const article = document.createElement("article");
            article.className = "bill";
            article.dataset.offeringId = result.id;
            article.dataset.region = result.region || "";
            if (result.id === cmp.cheapest) article.classList.add("cheapest");

            const header = document.createElement("header");
            const title = document.createElement("h4");
            title.textContent = labelLong(meta);
            const total = document.createElement("p");
            total.className = "bill-total";
            const amount = document.createElement("strong");
            amount.className = "total";
            amount.dataset.total = String(result.total);
            amount.textContent = money(result.total);
            total.append(amount, " ", t("bills.per_month"));
            const relative = document.createElement("span");
            relative.className = "relative";
            relative.textContent = result.id === cmp.cheapest ? t("bills.cheapest")
                : result.relative_to_cheapest === null ? t("bills.vs_free")
                : t("bills.relative", { ratio: F.ratio(result.relative_to_cheapest, lang) });
            total.append(" ", relative);
            header.append(title, total);
            if (result.fleet) {
                // the fleet's size at the current traffic, and its load balancer's AZs
                const size = document.createElement("p");
                size.className = "fleet-size";
                size.dataset.instances = String(result.fleet.instances);
                size.dataset.azs = String(result.fleet.load_balancer_azs);
                size.textContent = result.fleet.load_balancer_azs > 0
                    ? t("bills.fleet_lb", { instances: instancesText(result.fleet.instances), azs: result.fleet.load_balancer_azs })
                    : t("bills.fleet", { instances: instancesText(result.fleet.instances) });
                header.appendChild(size);
            }
            article.appendChild(header);

            const wrap = document.createElement("div");
            wrap.className = "table-wrap";
            const table = document.createElement("table");
            const caption = document.createElement("caption");
            caption.className = "visually-hidden";
            caption.textContent = t("bills.caption", { name: labelLong(meta) });
            table.appendChild(caption);
            const thead = document.createElement("thead");
            const headRow = document.createElement("tr");
            for (const key of [tk("bills.item"), tk("bills.quantity_price"), tk("bills.cost")]) {
                const th = document.createElement("th");
                th.scope = "col";
                th.textContent = t(key);
                headRow.appendChild(th);
            }
            thead.appendChild(headRow);
            table.appendChild(thead);
            const tbody = document.createElement("tbody");
            for (const item of result.line_items) {
                const row = document.createElement("tr");
                const name = document.createElement("th");
                name.scope = "row";
                name.textContent = itemName(item.name);
                row.dataset.confidence = item.confidence || "";
                if (item.confidence === "unverified") {
                    // The mark is explained by the legend under the table.
                    row.classList.add("unverified");
                    const mark = document.createElement("span");
                    mark.className = "unverified-mark";
                    mark.textContent = "*";
                    mark.title = t("bills.unverified_mark");
                    mark.setAttribute("aria-label", t("bills.unverified_mark"));
                    name.append(" ", mark);
                }
                if (item.note) {
                    const note = document.createElement("small");
                    note.className = "note";
                    note.textContent = itemNote(item.note);
                    name.append(document.createElement("br"), note);
                }
                const qty = document.createElement("td");
                qty.textContent = t("bills.quantity_times_price", {
                    quantity: F.quantity(item.quantity, lang), unit: itemUnit(item.unit),
                    price: F.unitPrice(item.unit_price, cmp.currency, lang),
                });
                const cost = document.createElement("td");
                cost.className = "num";
                cost.dataset.cost = String(item.cost);
                cost.textContent = money(item.cost);
                row.append(name, qty, cost);
                tbody.appendChild(row);
            }
            table.appendChild(tbody);
            wrap.appendChild(table);
            article.appendChild(wrap);
            if (result.line_items.some((item) => item.confidence === "unverified")) {
                const legend = document.createElement("p");
                legend.className = "unverified-legend";
                legend.textContent = t("bills.unverified_legend");
                article.appendChild(legend);
            }

            if (result.flags && result.flags.length) {
                const flags = document.createElement("ul");
                flags.className = "flags";
                for (const flag of result.flags) {
                    const li = document.createElement("li");
                    li.dataset.code = flag.code;
                    li.textContent = flagText(flag);
                    flags.appendChild(li);
                }
                article.appendChild(flags);
            }
            container.appendChild(article);
        }
    }

    // ---------------------------------------------------------------- chart

    function cssVar(name) {
        return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
    }

    const linesPlugin = {
        id: "costsimLines",
        afterDatasetsDraw(c, args, options) {
            const x = c.scales.x;
            const area = c.chartArea;
            const ctx = c.ctx;
            let labelsEnd = -Infinity;   // skip a reference label that would overlap the previous one
            const drawLine = (value, color, dash, label, row) => {
                if (!(value >= x.min && value <= x.max)) return;
                const px = x.getPixelForValue(value);
                ctx.save();
                ctx.strokeStyle = color;
                ctx.lineWidth = dash.length ? 1 : 2;
                ctx.setLineDash(dash);
                ctx.beginPath();
                ctx.moveTo(px, area.top);
                ctx.lineTo(px, area.bottom);
                ctx.stroke();
                ctx.setLineDash([]);
                ctx.fillStyle = color;
                ctx.font = "11px system-ui, sans-serif";
                ctx.textAlign = px > area.right - 60 ? "right" : "left";
                const width = ctx.measureText(label).width;
                const start = ctx.textAlign === "right" ? px - 4 - width : px + 4;
                if (row > 0 || start > labelsEnd + 4) {
                    ctx.fillText(label, px + (ctx.textAlign === "right" ? -4 : 4), area.top + 12 + row * 13);
                    if (row === 0) labelsEnd = start + width;
                }
                ctx.restore();
            };
            for (const ref of options.references) drawLine(ref, options.referenceColor, [3, 4], options.referenceLabel(ref), 0);
            options.capacity.forEach((cap, i) => drawLine(cap.rps, cap.color, [2, 2], cap.label, 2 + i));
            if (options.current > 0) drawLine(options.current, options.currentColor, [], options.currentLabel, 1);
        },
    };

    function renderChart() {
        const canvas = $("chart");
        if (!window.Chart) return;
        const cmp = lastGood.compare;
        const sweep = lastGood.sweep;
        const palette = [1, 2, 3, 4, 5, 6, 7, 8].map((i) => cssVar("--series-" + i));
        const fg = cssVar("--fg");
        const muted = cssVar("--muted");
        const grid = cssVar("--grid");
        Chart.defaults.color = fg;
        Chart.defaults.font.family = "system-ui, sans-serif";

        const datasets = sweep.series.map((series, i) => {
            const meta = metaOf(series.id);
            const color = palette[i % palette.length];
            // a fixed fleet keeps its size along the whole line: say it (a sized one varies)
            const fleet = (sweep.fleets || []).find((f) => f.id === series.id && f.fixed_count);
            return {
                label: fleet ? t("chart.fixed_fleet", { name: labelLong(meta), instances: instancesText(fleet.instances) })
                             : labelLong(meta),
                costsimId: series.id,
                data: sweep.requests_per_second.map((x, j) => ({ x: x, y: series.totals[j] > 0 ? series.totals[j] : null })),
                borderColor: color,
                backgroundColor: color,
                borderDash: meta.billing === "per_capacity" ? [7, 4] : [],
                borderWidth: 2,
                pointRadius: 0,
                pointHitRadius: 4,
                spanGaps: false,
            };
        });
        const markers = cmp.break_even
            .filter((p) => p.requests_per_second > 0 && p.cost > 0)
            .map((p) => ({ x: p.requests_per_second, y: p.cost }));
        datasets.push({
            label: t("chart.break_even"),
            costsimId: "break-even",
            data: markers,
            showLine: false,
            pointRadius: 6,
            pointHoverRadius: 8,
            pointBorderWidth: 2,
            borderColor: fg,
            backgroundColor: "rgba(0,0,0,0)",
        });
        const current = cmp.results.length ? cmp.results[0].requests_per_second : 0;
        const currency = cmp.currency;
        // a fixed fleet's capacity limit, drawn in its series' colour (the API's figure)
        const capacity = (sweep.fleets || [])
            .filter((f) => f.fixed_count && f.runs_out_at_requests_per_second !== null)
            .map((f) => {
                const i = sweep.series.findIndex((s) => s.id === f.id);
                return { rps: f.runs_out_at_requests_per_second, color: palette[Math.max(i, 0) % palette.length],
                         label: t("chart.runs_out", { name: labelShort(metaOf(f.id)), rps: F.rps(f.runs_out_at_requests_per_second, lang) }) };
            });
        const decade = (v) => Math.abs(Math.log10(v) - Math.round(Math.log10(v))) < 1e-9;
        const config = {
            type: "line",
            data: { datasets: datasets },
            options: {
                responsive: true,
                maintainAspectRatio: false,
                animation: false,
                parsing: false,
                normalized: true,
                interaction: { mode: "nearest", intersect: false },
                scales: {
                    x: {
                        type: "logarithmic", min: lastGood.range.from_rps, max: lastGood.range.to_rps,
                        title: { display: true, text: t("chart.x_axis") },
                        grid: { color: grid },
                        ticks: {
                            // Every decade on a wide chart, every other one on a phone.
                            callback: function (v) {
                                const step = this.chart.width < 500 ? 2 : 1;
                                return decade(v) && Math.round(Math.log10(v)) % step === 0 ? F.rps(v, lang) : "";
                            },
                            autoSkip: false, maxRotation: 0,
                        },
                    },
                    y: {
                        type: "logarithmic",
                        title: { display: true, text: t("chart.y_axis", { currency: currency }) },
                        grid: { color: grid },
                        ticks: { callback: (v) => (decade(v) ? F.axisMoney(v, currency, lang) : "") },
                    },
                },
                plugins: {
                    legend: { position: "bottom", labels: { boxWidth: 18, boxHeight: 2 } },
                    tooltip: {
                        callbacks: {
                            title: (items) => (items.length ? t("chart.tooltip_rps", { rps: F.rps(items[0].parsed.x, lang) }) : ""),
                            label: (item) => item.dataset.label + ": " + F.money(item.parsed.y, currency, lang),
                        },
                    },
                    costsimLines: {
                        references: kReferenceRps,
                        referenceColor: muted,
                        referenceLabel: (v) => t("chart.reference", { rps: F.rps(v, lang) }),
                        current: current,
                        currentColor: cssVar("--accent"),
                        currentLabel: t("chart.current", { rps: F.rps(current, lang) }),
                        capacity: capacity,
                    },
                },
            },
            plugins: [uncertainty.chartPlugin(), linesPlugin],
        };
        if (chart) chart.destroy();
        chart = new Chart(canvas, config);
        canvas.dataset.breakEvenMarkers = String(markers.length);
        canvas.dataset.capacityLines = capacity.map((c) => String(c.rps)).join(" ");
        canvas.setAttribute("aria-label", t("chart.aria_detail", { count: datasets.length - 1, markers: markers.length }));
    }

    function renderResults() {
        if (!lastGood) return;
        renderStatus();
        renderVerdict();
        renderComparisonFlags();
        renderTrafficFigures();
        timeCharts.renderTraffic(lastGood.profile, lastGood.source);
        renderChart();
        timeCharts.renderFleets(lastGood.compare, (id) => labelShort(metaOf(id)));
        renderBreakEven();
        renderBills();
        uncertainty.render();
        flip.render();
    }

    /// Next to the verdict, under a traffic profile: each offering's cold starts, throttled and
    /// at-risk requests, peak concurrency and instances (the bills' conventions), and the flags
    /// that go with them. Hidden when no bill has any.
    function renderTrafficFigures() {
        const section = $("traffic-figures");
        const list = $("traffic-figures-list");
        list.replaceChildren();
        for (const result of lastGood.compare.results) {
            const conventions = result.conventions || {};
            const parts = Object.keys(kTrafficFigureKeys).filter((name) => typeof conventions[name] === "number");
            const badges = (result.flags || []).filter((f) => kTrafficBadgeKeys[f.code]);
            if (!parts.length && !badges.length) continue;
            const li = document.createElement("li");
            li.dataset.offeringId = result.id;
            const name = document.createElement("strong");
            name.textContent = labelShort(metaOf(result.id));
            li.append(name, t("figures.name_separator"));
            parts.forEach((figure, i) => {
                const span = document.createElement("span");
                span.className = "figure";
                span.dataset.figure = figure;
                span.dataset.value = String(conventions[figure]);
                span.textContent = t(kTrafficFigureKeys[figure], { n: F.quantity(conventions[figure], lang) });
                if (i > 0) li.append(t("field.separator"));
                li.appendChild(span);
            });
            for (const flag of badges) {
                const badge = document.createElement("span");
                badge.className = "badge";
                badge.dataset.code = flag.code;
                badge.title = flagText(flag);
                badge.textContent = t(kTrafficBadgeKeys[flag.code]);
                li.append(" ", badge);
            }
            list.appendChild(li);
        }
        section.hidden = list.children.length === 0;
    }

    // ---------------------------------------------------------------- export and share

    async function downloadCsv(kind) {
        const status = $("share-status");
        if (!lastGood) {
            status.textContent = t("export.no_result");
            return;
        }
        const path = kind === "bills" ? "/api/v1/compare?format=csv" : "/api/v1/sweep?format=csv";
        const body = kind === "bills" ? lastGood.compareBody : lastGood.sweepBody;
        let response;
        try {
            response = await fetch(path, {
                method: "POST", headers: { "Content-Type": "application/json", Accept: "text/csv" },
                body: JSON.stringify(body),
            });
        } catch (err) {
            status.textContent = t("errors.network");
            return;
        }
        if (!response.ok) {
            status.textContent = t("errors.http", { status: response.status });
            return;
        }
        const blob = await response.blob();
        const url = URL.createObjectURL(new Blob([blob], { type: "text/csv" }));
        const link = document.createElement("a");
        link.href = url;
        link.download = kind === "bills" ? "cost-sim-bills.csv" : "cost-sim-curves.csv";
        document.body.appendChild(link);
        link.click();
        link.remove();
        // Revoking at once can cancel the download in some browsers; a minute is plenty.
        setTimeout(() => URL.revokeObjectURL(url), 60000);
        status.textContent = t("export.downloaded", { file: link.download });
    }

    async function copyShareLink() {
        const input = $("share-link");
        const status = $("share-status");
        updateShareLink();
        try {
            await navigator.clipboard.writeText(input.value);
            status.textContent = t("export.copied");
        } catch (err) {
            input.focus();
            input.select();
            status.textContent = t("export.copy_manual");
        }
    }

    // ---------------------------------------------------------------- wiring

    function syncPanels() {
        $("rate").closest(".field").classList.toggle("muted-field", $("currency").value !== "JPY");
        if (traffic) traffic.sync();
    }

    function syncPresets() {
        const traffic = $("traffic").value;
        const unit = $("traffic-unit").value;
        document.querySelectorAll("[data-traffic]").forEach((b) => {
            b.setAttribute("aria-pressed", String(b.dataset.traffic === traffic && b.dataset.unit === unit));
        });
        document.querySelectorAll("[data-preset]").forEach((b) => {
            const input = b.closest(".offering-card").querySelector('[data-input="' + b.dataset.preset + '"]');
            b.setAttribute("aria-pressed", String(input.value === b.dataset.value));
        });
    }

    /// A note about the link that opened the page (offerings of kinds this server lacks); it
    /// stays until the next link, in the page's language.
    let linkNote = null;
    function renderLinkNote() {
        const note = $("link-note");
        note.textContent = linkNote ? t("errors.unknown_kinds", linkNote) : "";
        note.hidden = !linkNote;
    }

    function wire() {
        const inputs = $("inputs");
        inputs.addEventListener("submit", (e) => e.preventDefault());
        inputs.addEventListener("input", scheduleUpdate);
        inputs.addEventListener("change", scheduleUpdate);
        for (const id of ["currency", "rate"]) {
            $(id).addEventListener("input", scheduleUpdate);
            $(id).addEventListener("change", scheduleUpdate);
        }
        // choosing a kind to add is not an input of the comparison
        for (const type of ["input", "change"]) $("add-kind").addEventListener(type, (e) => e.stopPropagation());
        $("lang").addEventListener("change", () => {
            lang = $("lang").value === "ja" ? "ja" : "en";
            applyLanguage();
            updateShareLink();
        });
        document.querySelectorAll("[data-traffic]").forEach((b) => b.addEventListener("click", () => {
            $("traffic").value = b.dataset.traffic;
            $("traffic-unit").value = b.dataset.unit;
            scheduleUpdate();
        }));
        $("add-offering").addEventListener("click", () => {
            if (!form || !form.hasKind($("add-kind").value)) return;
            const card = addCard($("add-kind").value, null);
            card.querySelector("input, select").focus();
            scheduleUpdate();
        });
        $("csv-bills").addEventListener("click", () => downloadCsv("bills"));
        $("csv-curves").addEventListener("click", () => downloadCsv("curves"));
        $("share-copy").addEventListener("click", copyShareLink);
        traffic.wire();
        usageImport.wire();
        uncertainty.wire();
        flip.wire();
        window.addEventListener("hashchange", () => {
            const shared = stateFromLocation();
            if (!shared) return;
            applyState(normalise(shared));
            update();
        });
        if (window.matchMedia) {
            window.matchMedia("(prefers-color-scheme: dark)").addEventListener("change", () => {
                if (lastGood) renderChart();
            });
        }
    }

    /// "?lang=ja" or "?lang=en" in the address: that language, before a share link's or the browser's.
    function langFromQuery() {
        const wanted = new URLSearchParams(location.search).get("lang");
        return wanted === "ja" || wanted === "en" ? wanted : "";
    }

    function applyState(state, preferredLang) {
        lang = preferredLang || (state.lang === "ja" || state.lang === "en" ? state.lang
            : (navigator.language || "").toLowerCase().startsWith("ja") ? "ja" : "en");
        $("lang").value = lang;
        linkNote = state.unknownKinds.length ? { kinds: state.unknownKinds.join(", ") } : null;
        writeState(state);
        applyLanguage();
        updateShareLink();
    }

    async function start() {
        const queryLang = langFromQuery();
        lang = queryLang || ((navigator.language || "").toLowerCase().startsWith("ja") ? "ja" : "en");
        translateTree(document);
        createTraffic();
        const [kinds] = await Promise.all([loadKinds(), loadCatalog()]);
        createForm(kinds);
        const shared = stateFromLocation();
        applyState(normalise(shared), queryLang);
        wire();
        await update();
    }

    start();
})();
