// The page's state as a share link: "#s=" + base64url(JSON). Version 2 lists the offerings as
// { kind, values } with each field's raw input by its descriptor name; version 1 links (the page
// of fixed Lambda, Cloud Run, Azure Functions and VM panels) are read into the same shape, so they
// keep opening the same comparison.
(function () {
    "use strict";

    const kVersion = 2;

    /// The workload and display settings shared by both versions, with their defaults.
    const kSettings = {
        lang: "", currency: "USD", rate: "150", traffic: "10", trafficUnit: "second", duration: "100",
        peak: "1", responseKb: "10", internet: "100", freeTier: true,
        // traffic over time: none | preset (shape, peak_to_mean) | csv (only the file's name:
        // a link cannot carry the file) | sample (the row of the Azure Functions 2019 sample)
        trafficShape: "none", trafficPreset: "diurnal", trafficPeak: "2", trafficRow: "0", trafficCsvName: "",
        // ranges (uncertainty.js): off, or traffic and duration as low-high under one distribution
        uncOn: false, uncDist: "uniform", uncTrafficLow: "", uncTrafficHigh: "", uncDurationLow: "",
        uncDurationHigh: "", uncSamples: "10000",
    };

    /// Version 1's defaults: what a v1 link left out was these (Lambda on, one t3.micro fleet).
    const kV1Defaults = {
        lambda: { on: true, region: "us-east-1", arch: "x86_64", memory: "512", frontDoor: "none" },
        cloudRun: { on: false, region: "us-central1", memory: "512", vcpu: "1", concurrency: "1" },
        azure: { on: false, region: "eastus", memory: "128" },
        vms: [{ provider: "aws", region: "us-east-1", instance: "t3.micro", capacity: "50",
                utilization: "0.7", min: "1", purchase: "on-demand", lb: false, count: "", azs: "2" }],
    };
    const kV1MaxFleets = 8;

    const isObject = (x) => x !== null && typeof x === "object" && !Array.isArray(x);

    /// Copies from `source` the keys of `target` whose type matches (a number where text is
    /// expected is taken as its text).
    function pick(target, source) {
        if (!isObject(source)) return target;
        for (const key of Object.keys(target)) {
            if (!(key in source)) continue;
            const want = typeof target[key];
            if (typeof source[key] === want && want !== "object") target[key] = source[key];
            else if (want === "string" && typeof source[key] === "number") target[key] = String(source[key]);
        }
        return target;
    }

    function settingsOf(raw) {
        return pick(Object.assign({}, kSettings), raw);
    }

    /// A v1 link's offerings, in the order that page sent them, under the kinds' field names.
    function offeringsOfV1(raw) {
        const lambda = pick(Object.assign({}, kV1Defaults.lambda), raw.lambda);
        const cloudRun = pick(Object.assign({}, kV1Defaults.cloudRun), raw.cloudRun);
        const azure = pick(Object.assign({}, kV1Defaults.azure), raw.azure);
        const vms = Array.isArray(raw.vms) ? raw.vms.slice(0, kV1MaxFleets) : kV1Defaults.vms;
        const out = [];
        if (lambda.on) {
            out.push({ kind: "lambda", values: { region: lambda.region, arch: lambda.arch, memory_mb: lambda.memory,
                                                 front_door: lambda.frontDoor } });
        }
        if (cloudRun.on) {
            out.push({ kind: "cloud_run", values: { region: cloudRun.region, memory_mb: cloudRun.memory, vcpu: cloudRun.vcpu,
                                                    concurrency: cloudRun.concurrency } });
        }
        if (azure.on) out.push({ kind: "azure_functions", values: { region: azure.region, memory_mb: azure.memory } });
        for (const source of vms) {
            const vm = pick(Object.assign({}, kV1Defaults.vms[0]), source);
            const values = { provider: vm.provider, region: vm.region, instance: vm.instance, capacity_rps: vm.capacity,
                             target_utilization: vm.utilization, min_instances: vm.min, purchase: vm.purchase,
                             load_balancer: vm.lb, count: vm.count, load_balancer_azs: vm.azs,
                             // before the address setting: the library's default (none behind a load balancer)
                             public_ipv4: isObject(source) && typeof source.ipv4 === "boolean" ? String(source.ipv4) : "" };
            out.push({ kind: "vm", values: values });
        }
        return out;
    }

    function offeringsOfV2(list, maxOfferings) {
        if (!Array.isArray(list)) return null;
        const out = [];
        for (const item of list.slice(0, maxOfferings)) {
            if (!isObject(item) || typeof item.kind !== "string") continue;
            const values = {};
            if (isObject(item.values)) {
                for (const [name, value] of Object.entries(item.values)) {
                    if (typeof value === "string" || typeof value === "boolean") values[name] = value;
                    else if (typeof value === "number") values[name] = String(value);
                }
            }
            out.push({ kind: item.kind, values: values });
        }
        return out;
    }

    /// Any decoded link (or nothing) as a v2 state; `defaultOfferings` when it names none.
    /// Unknown kinds are kept: the page reports and drops those its server does not publish.
    function normalise(raw, defaultOfferings, maxOfferings) {
        const state = Object.assign({ v: kVersion }, settingsOf(raw));
        let offerings = null;
        if (isObject(raw) && raw.v === 1) offerings = offeringsOfV1(raw);
        else if (isObject(raw)) offerings = offeringsOfV2(raw.offerings, maxOfferings);
        state.offerings = offerings || defaultOfferings.map((o) => ({ kind: o.kind, values: Object.assign({}, o.values) }));
        return state;
    }

    function encode(state) {
        const bytes = new TextEncoder().encode(JSON.stringify(state));
        let binary = "";
        bytes.forEach((b) => { binary += String.fromCharCode(b); });
        return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
    }

    function decode(text) {
        try {
            const base64 = text.replace(/-/g, "+").replace(/_/g, "/");
            const binary = atob(base64);
            const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
            return JSON.parse(new TextDecoder().decode(bytes));
        } catch (err) {
            return null;
        }
    }

    window.CostsimShareState = { version: kVersion, normalise: normalise, encode: encode, decode: decode };
})();
