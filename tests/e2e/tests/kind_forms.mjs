// The offering cards are built from the kinds' descriptors (GET /api/v1/offering-kinds), for
// whatever kinds the server publishes: the test reads the endpoint and checks that every kind can
// be added and every field has an input with the descriptor's type, bounds, options and label;
// that each kind is priced; that an error the API names offerings[i].<field> lands next to that
// generated input; that a share link of all of them round-trips; that the Japanese texts of
// i18n.js name published kinds and fields, and every text a card shows has one; and that a kind
// the page has never heard of (added to the endpoint's answer in the browser) gets a form with
// English labels on the Japanese page.
import fs from "node:fs";
import path from "node:path";
import vm from "node:vm";
import { addOffering, check, checkEqual, openPage, waitForResult, waitForState } from "../harness.mjs";

function dictionaries() {
    const sandbox = { window: {} };
    vm.runInNewContext(fs.readFileSync(path.join(path.dirname(new URL(import.meta.url).pathname), "..", "i18n.js"), "utf8"), sandbox);
    return sandbox.window.COSTSIM_I18N;
}

const capitalise = (text) => text.charAt(0).toUpperCase() + text.slice(1);

/// What a card shows for each of its fields, read from the DOM.
async function cardFields(card) {
    return card.evaluate((el) => Object.fromEntries([...el.querySelectorAll("[data-input]")].map((input) => [input.dataset.input, {
        tag: input.tagName.toLowerCase(), type: input.type, min: input.getAttribute("min"), max: input.getAttribute("max"),
        step: input.getAttribute("step"), exclusive: input.dataset.exclusiveMinimum === "true", value: input.value,
        checked: input.checked, options: input.tagName === "SELECT" ? [...input.options].map((o) => o.value) : null,
        label: input.labels.length ? input.labels[0].textContent : "",
        errorBeside: !!input.closest(".field").querySelector(`[data-error="${input.dataset.input}"]`),
    }])));
}

/// The regions the page lists for a provider: the catalog's (those with instances for a kind
/// that picks one), in catalog order.
function regions(catalog, provider, withInstances) {
    const list = [];
    for (const e of catalog.entries) {
        if (e.provider === provider && e.region !== "global" && (!withInstances || e.instance) && !list.includes(e.region)) list.push(e.region);
    }
    return list;
}

function checkField(kind, field, shown, catalog, presentation) {
    const what = `${kind.name}.${field.name}`;
    check(shown, `${what}: an input`);
    check(shown.label.startsWith(capitalise(field.help)), `${what}: labelled by its help (${shown.label})`);
    check(shown.errorBeside, `${what}: an error element beside the input`);
    const preferred = (presentation[what] || {}).initial;
    if (field.type === "integer" || field.type === "number") {
        checkEqual([shown.tag, shown.type], ["input", "number"], `${what}: a number input`);
        checkEqual([shown.min, shown.max], [String(field.minimum), String(field.maximum)], `${what}: bounds`);
        checkEqual(shown.step, field.type === "integer" ? "1" : "any", `${what}: step`);
        checkEqual(shown.exclusive, field.exclusive_minimum, `${what}: exclusive minimum`);
        checkEqual(shown.value, preferred !== undefined ? preferred : field.default === null ? "" : String(field.default), `${what}: starting value`);
        if (field.unit) check(shown.label.includes(field.unit), `${what}: its unit in the label`);
    } else if (field.type === "boolean") {
        if (field.optional) {
            checkEqual(shown.options, ["", "true", "false"], `${what}: default, yes or no`);
            checkEqual(shown.value, field.default === null ? "" : String(field.default), `${what}: starting value`);
        } else {
            checkEqual(shown.type, "checkbox", `${what}: a checkbox`);
            checkEqual(shown.checked, field.default, `${what}: starting value`);
        }
    } else if (field.type === "choice") {
        checkEqual(shown.options, field.optional ? ["", ...field.options] : field.options, `${what}: options`);
        checkEqual(shown.value, field.default === null ? "" : field.default, `${what}: starting value`);
    } else if (field.text_rule === "region") {
        const provider = kind.provider || shown.provider;
        const withInstances = kind.fields.some((f) => f.name === "instance");
        checkEqual(shown.options, regions(catalog, provider, withInstances), `${what}: the catalog's regions of ${provider}`);
        checkEqual(shown.value, field.default || shown.options[0], `${what}: starting value`);
    } else if (field.name === "instance") {
        check(shown.tag === "select" && shown.options.length > 0, `${what}: a list of the catalog's instances`);
    } else {
        checkEqual([shown.tag, shown.type], ["input", "text"], `${what}: a text input`);
    }
}

export default async function ({ baseUrl, context }) {
    const { kinds } = await (await fetch(`${baseUrl}/api/v1/offering-kinds`)).json();
    const catalog = await (await fetch(`${baseUrl}/api/v1/catalog`)).json();
    check(kinds.length >= 4, `the server publishes the kinds (${kinds.map((k) => k.name)})`);
    const { page, problems } = await openPage(context, baseUrl + "/", { expectHttpErrors: true });
    let seq = await waitForResult(page);
    const presentation = await page.evaluate(() => window.CostsimOfferingForm.presentation);
    const shared = await page.evaluate(() => window.CostsimOfferingForm.sharedFields);
    checkEqual(shared, ["free_tier"], "fields set once in the workload panel");

    // The "Add" list names every kind by its label, in the server's order.
    const listed = await page.locator("#add-kind option").evaluateAll((options) => options.map((o) => [o.value, o.textContent]));
    checkEqual(listed, kinds.map((k) => [k.name, k.label]), "every kind can be added, by label");

    // A card of each kind, its inputs from the descriptor.
    const defaults = await page.locator(".offering-card").count();
    for (const kind of kinds) {
        const card = await addOffering(page, kind.name);
        checkEqual(await card.getAttribute("data-billing"), kind.billing, `${kind.name}: billing`);
        check((await card.locator(".card-legend").textContent()).startsWith(kind.label), `${kind.name}: the legend is its label`);
        const fields = await cardFields(card);
        const provider = fields.provider ? fields.provider.value : kind.provider;
        for (const field of kind.fields) {
            if (shared.includes(field.name)) {
                checkEqual(fields[field.name], undefined, `${kind.name}.${field.name}: set in the workload panel, not on the card`);
                continue;
            }
            checkField(kind, field, fields[field.name] && { ...fields[field.name], provider }, catalog, presentation);
        }
        checkEqual(Object.keys(fields).sort(), kind.fields.map((f) => f.name).filter((n) => !shared.includes(n)).sort(),
                   `${kind.name}: no input of the page's own`);
    }
    check(await page.locator("#free-tier").isVisible(), "the shared free-tier switch");

    // Every kind is priced from its card.
    seq = await waitForResult(page, seq);
    const kindsOfCards = await page.locator(".offering-card").evaluateAll((cards) => cards.map((c) => c.dataset.kind));
    checkEqual(kindsOfCards.length, defaults + kinds.length, "a card per offering");
    checkEqual(await page.locator(".bill").count(), kindsOfCards.length, "a bill per card");

    // An error on a generated input: beyond a number field's maximum, the API names
    // offerings[i].<field> and its message appears beside that input.
    for (const kind of kinds) {
        const field = kind.fields.find((f) => (f.type === "integer" || f.type === "number") && !shared.includes(f.name));
        if (!field) continue;
        const index = kindsOfCards.lastIndexOf(kind.name);
        const card = page.locator(".offering-card").nth(index);
        const input = card.locator(`[data-input="${field.name}"]`);
        const was = await input.inputValue();
        const rejected = page.waitForResponse((r) => r.url().endsWith("/api/v1/compare") && r.status() === 400);
        await input.fill(String(field.maximum * 2 + 1));
        const error = (await (await rejected).json()).error;
        await waitForState(page, "invalid");
        checkEqual(error.field, `offerings[${index}].${field.name}`, `${kind.name}: the field the API names`);
        const beside = card.locator(`[data-error="${field.name}"]`);
        check(await beside.isVisible(), `${kind.name}.${field.name}: the message beside the input`);
        checkEqual(await beside.textContent(), error.message, `${kind.name}.${field.name}: the API's message`);
        checkEqual(await input.getAttribute("aria-invalid"), "true", `${kind.name}.${field.name}: marked invalid`);
        checkEqual(await page.locator("#general-error").isVisible(), false, `${kind.name}: no general error`);
        await input.fill(was);
        seq = await waitForResult(page, seq);
    }

    // The share link of every kind opens the same inputs and result.
    const snapshot = (p) => p.evaluate(() => ({
        totals: [...document.querySelectorAll(".bill")].map((b) => [b.dataset.offeringId, b.querySelector(".total").dataset.total]),
        inputs: [...document.querySelectorAll(".offering-card [data-input]")]
            .map((el) => `${el.id}=${el.type === "checkbox" ? el.checked : el.value}`),
    }));
    const before = await snapshot(page);
    const { page: opened, problems: openedProblems } = await openPage(context, await page.inputValue("#share-link"));
    await waitForResult(opened);
    checkEqual(await snapshot(opened), before, "the shared page's cards and result");
    checkEqual(openedProblems, [], "shared page: errors");
    await opened.close();

    // Japanese texts of the kinds name what the server publishes.
    const { en, ja } = dictionaries();
    const published = new Set();
    for (const kind of kinds) {
        published.add(`kind.${kind.name}`).add(`kind_help.${kind.name}`);
        for (const field of kind.fields) {
            published.add(`kind.${kind.name}.${field.name}`);
            if (field.unset) published.add(`kind.${kind.name}.${field.name}.unset`);
            for (const option of field.options || []) published.add(`option.${field.name}.${option}`);
        }
    }
    const stale = [...Object.keys(ja), ...Object.keys(en)]
        .filter((key) => /^(kind|kind_help|option)\./.test(key) && !published.has(key));
    checkEqual([...new Set(stale)], [], "translations of kinds, fields or options the server does not publish");
    // And the other way: every text of a published kind the cards show has its Japanese (a
    // choice's spelling, e.g. nodejs, stands in both languages; the shared fields have their own keys).
    const shown = [];
    for (const kind of kinds) {
        shown.push(`kind.${kind.name}`, `kind_help.${kind.name}`);
        for (const field of kind.fields) {
            if (shared.includes(field.name)) continue;
            shown.push(`kind.${kind.name}.${field.name}`);
            if (field.unset) shown.push(`kind.${kind.name}.${field.name}.unset`);
        }
    }
    checkEqual(shown.filter((key) => !(key in ja)), [], "descriptor texts without their Japanese in i18n.js");
    checkEqual(problems, [], "console errors, page errors and failed requests (400s expected)");
    await page.close();

    // A kind the page has never seen: its form still comes from its descriptor, with the
    // descriptor's English on the Japanese page.
    const madeUp = {
        name: "made_up", label: "Made-up service", provider: "aws", billing: "per_use", help: "a kind only this test knows",
        flag_prefix: "made-up",
        fields: [
            { name: "region", type: "string", help: "AWS region", text_rule: "region", required: false, optional: false, default: "us-east-1" },
            { name: "size", type: "integer", help: "size of a thing", unit: "GB", minimum: 1, maximum: 64, exclusive_minimum: false,
              required: false, optional: false, default: 4 },
            { name: "share", type: "number", help: "share of the time", minimum: 0, maximum: 1, exclusive_minimum: true,
              required: false, optional: true, default: null, unset: "all of it" },
            { name: "mode", type: "choice", help: "mode of operation", options: ["fast", "slow"], required: false, optional: false, default: "slow" },
            { name: "loud", type: "boolean", help: "whether it is loud", required: false, optional: false, default: false },
            { name: "label_text", type: "string", help: "a free text", text_rule: "name", required: false, optional: true, default: null, unset: "none" },
            { name: "free_tier", type: "boolean", help: "free allowance", required: false, optional: false, default: true },
        ],
    };
    await context.route("**/api/v1/offering-kinds", async (route) => {
        const response = await route.fetch();
        const json = await response.json();
        json.kinds.push(madeUp);
        await route.fulfill({ response, json });
    });
    const { page: ja_page, problems: jaProblems } = await openPage(context, baseUrl + "/?lang=ja", { expectHttpErrors: true });
    await waitForResult(ja_page);
    const card = await addOffering(ja_page, "made_up");
    checkEqual(await card.locator(".card-legend").textContent(), madeUp.label, "the new kind's label, in English");
    const fields = await cardFields(card);
    for (const field of madeUp.fields) {
        if (field.name === "free_tier") continue;
        checkField(madeUp, field, { ...fields[field.name], provider: "aws" }, catalog, {});
    }
    checkEqual(fields.size.label, "Size of a thing(GB、1〜64)", "the English help with Japanese punctuation");
    check((await ja_page.evaluate(() => window.costsimDebug.untranslated)).includes("ja:kind.made_up.size"),
          "the fallback is recorded");
    await card.locator('[data-action="remove"]').click();
    await waitForResult(ja_page);
    checkEqual(await ja_page.locator('.offering-card[data-kind="made_up"]').count(), 0, "the card is removed");
    checkEqual(jaProblems, [], "made-up kind: console errors, page errors and failed requests (400s expected)");
    await context.unroute("**/api/v1/offering-kinds");
}
