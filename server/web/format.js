// Presentation of API figures: rounding for display only, never arithmetic on prices.
// Loaded by the page (global CostsimFormat) and by the browser tests (module.exports), so the
// tests check the page against the API with the same display rules.
(function (root) {
    "use strict";

    const kLocales = { en: "en-US", ja: "ja-JP" };

    function locale(lang) {
        return kLocales[lang] || kLocales.en;
    }

    /// A monthly amount: whole yen or cents when large, three significant digits when small.
    function money(value, currency, lang) {
        if (value === null || value === undefined || !Number.isFinite(value)) return "—";
        const abs = Math.abs(value);
        const options = { style: "currency", currency: currency };
        if (abs === 0) {
            options.maximumFractionDigits = 0;
        } else if (currency === "JPY" ? abs >= 100 : abs >= 1) {
            options.maximumFractionDigits = currency === "JPY" ? 0 : 2;
            options.minimumFractionDigits = currency === "JPY" ? 0 : 2;
        } else {
            options.maximumSignificantDigits = 3;
        }
        return new Intl.NumberFormat(locale(lang), options).format(value);
    }

    /// An axis label: whole units from 1 up ("$10", "¥1,000"), three significant digits below.
    function axisMoney(value, currency, lang) {
        if (value === null || value === undefined || !Number.isFinite(value)) return "";
        const options = { style: "currency", currency: currency };
        if (Math.abs(value) >= 1) options.maximumFractionDigits = 0;
        else options.maximumSignificantDigits = 3;
        return new Intl.NumberFormat(locale(lang), options).format(value);
    }

    /// A unit price as published: up to six significant digits, never in exponent form.
    function unitPrice(value, currency, lang) {
        if (value === null || value === undefined || !Number.isFinite(value)) return "—";
        return new Intl.NumberFormat(locale(lang), {
            style: "currency", currency: currency, maximumSignificantDigits: 6,
        }).format(value);
    }

    /// A quantity (requests, GB-seconds, hours): grouped, at most four significant decimals.
    function quantity(value, lang) {
        if (value === null || value === undefined || !Number.isFinite(value)) return "—";
        const abs = Math.abs(value);
        const options = abs >= 1000 ? { maximumFractionDigits: 0 } : { maximumSignificantDigits: 4 };
        return new Intl.NumberFormat(locale(lang), options).format(value);
    }

    /// Requests per second: three significant digits ("7.1", "0.381", "1,230").
    function rps(value, lang) {
        if (value === null || value === undefined || !Number.isFinite(value)) return "—";
        const options = Math.abs(value) >= 1000 ? { maximumFractionDigits: 0 } : { maximumSignificantDigits: 3 };
        return new Intl.NumberFormat(locale(lang), options).format(value);
    }

    /// Requests per month in compact form ("18.4M", "1840万").
    function perMonth(value, lang) {
        if (value === null || value === undefined || !Number.isFinite(value)) return "—";
        return new Intl.NumberFormat(locale(lang), {
            notation: "compact", maximumSignificantDigits: 3,
        }).format(value);
    }

    /// "How many times": one decimal below 10 ("2.4"), whole above ("37").
    function ratio(value, lang) {
        if (value === null || value === undefined || !Number.isFinite(value)) return "—";
        const digits = value < 10 ? 1 : 0;
        return new Intl.NumberFormat(locale(lang), {
            minimumFractionDigits: digits, maximumFractionDigits: digits,
        }).format(value);
    }

    /// A probability or share as a percentage, at most one decimal ("71.8%", "0%", "100%").
    function share(value, lang) {
        if (value === null || value === undefined || !Number.isFinite(value)) return "—";
        return new Intl.NumberFormat(locale(lang), { style: "percent", maximumFractionDigits: 1 }).format(value);
    }

    /// A relative change as a signed percentage, whole from 10 % up ("+69%", "−4.5%").
    function signedShare(value, lang) {
        if (value === null || value === undefined || !Number.isFinite(value)) return "—";
        return new Intl.NumberFormat(locale(lang), {
            style: "percent", signDisplay: "exceptZero", maximumFractionDigits: Math.abs(value) >= 0.1 ? 0 : 1,
        }).format(value);
    }

    const api = { locale, money, axisMoney, unitPrice, quantity, rps, perMonth, ratio, share, signedShare };
    if (typeof module === "object" && module.exports) module.exports = api;
    else root.CostsimFormat = api;
})(typeof window !== "undefined" ? window : globalThis);
