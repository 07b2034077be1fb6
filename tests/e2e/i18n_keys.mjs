// Unit check of the page's translations: node i18n_keys.mjs <web dir>
// - every key the page uses (data-i18n / data-i18n-aria in index.html, t("…") / tk("…") in
//   its scripts) exists in English and Japanese;
// - both languages have the same keys, no empty string, the same {placeholders};
// - no key is defined without being used.
// Two families are looked up by names built from the offering kinds' descriptors, so no script
// spells them: option.<field>.<value> (a choice's name, in both languages) and the kinds' own
// texts kind.<kind>[.<field>[.unset]] (a field may be dotted: scaling.mode) and kind_help.<kind>, which only Japanese has (the English
// is the descriptor's). Here they must be well formed; tests/tests/kind_forms.mjs checks against
// the server that each names a published kind, field or option.
// Needs only node (no npm packages). Exit 0 = pass, 1 = a finding, 2 = usage.
import fs from "node:fs";
import path from "node:path";
import vm from "node:vm";

const dir = process.argv[2];
if (!dir) {
    console.error("usage: node i18n_keys.mjs <web dir>");
    process.exit(2);
}
const read = (name) => fs.readFileSync(path.join(dir, name), "utf8");

const sandbox = { window: {} };
vm.runInNewContext(read("i18n.js"), sandbox, { filename: "i18n.js" });
const dicts = sandbox.window.COSTSIM_I18N;
const findings = [];
if (!dicts || typeof dicts.en !== "object" || typeof dicts.ja !== "object") {
    console.error("i18n.js must set window.COSTSIM_I18N = { en: {...}, ja: {...} }");
    process.exit(1);
}

const used = new Map();   // key -> where
const note = (key, where) => { if (!used.has(key)) used.set(key, where); };
for (const m of read("index.html").matchAll(/data-i18n(?:-aria)?="([^"]+)"/g)) note(m[1], "index.html");
for (const name of fs.readdirSync(dir).filter((f) => f.endsWith(".js") && f !== "i18n.js").sort()) {
    for (const m of read(name).matchAll(/\btk?\(\s*"([^"]+)"/g)) note(m[1], name);
}
// a field's name may be dotted (a group's field, "scaling.mode")
const kindText = /^(kind\.[a-z0-9_]+(\.[a-z0-9_]+)*|kind_help\.[a-z0-9_]+)$/;
const optionText = /^option\.[a-z0-9_]+\.[A-Za-z0-9_.-]+$/;
const isKindText = (key) => key.startsWith("kind.") || key.startsWith("kind_help.");
for (const key of Object.keys(dicts.en)) {
    if (isKindText(key)) findings.push(`en has "${key}": a kind's English is its descriptor's, only ja translates it`);
}
for (const key of Object.keys(dicts.ja)) {
    if (isKindText(key) && !kindText.test(key)) findings.push(`"${key}" is not kind.<kind>[.<field>[.unset]] or kind_help.<kind>`);
    if (key.startsWith("option.") && !optionText.test(key)) findings.push(`"${key}" is not option.<field>.<value>`);
}

const placeholders = (text) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort().join(",");
for (const [key, where] of used) {
    for (const lang of ["en", "ja"]) {
        if (!(key in dicts[lang])) findings.push(`${where} uses "${key}", missing from ${lang}`);
    }
}
for (const lang of ["en", "ja"]) {
    const other = lang === "en" ? "ja" : "en";
    for (const [key, text] of Object.entries(dicts[lang])) {
        if (typeof text !== "string" || text.trim() === "") findings.push(`${lang}.${key} is empty`);
        if (isKindText(key)) continue;
        if (!(key in dicts[other])) findings.push(`${lang} has "${key}", ${other} does not`);
        if (!used.has(key) && !key.startsWith("option.")) findings.push(`${lang} defines "${key}" but the page never uses it`);
    }
}
for (const key of Object.keys(dicts.en)) {
    if (key in dicts.ja && placeholders(dicts.en[key]) !== placeholders(dicts.ja[key])) {
        findings.push(`"${key}": placeholders differ (en {${placeholders(dicts.en[key])}}, ja {${placeholders(dicts.ja[key])}})`);
    }
}

if (findings.length) {
    for (const f of new Set(findings)) console.error(f);
    process.exit(1);
}
const kindTexts = Object.keys(dicts.ja).filter(isKindText).length;
console.log(`${used.size} keys used, all present in en and ja (${Object.keys(dicts.en).length} defined); ` +
            `${kindTexts} Japanese texts of the kinds' descriptors`);
