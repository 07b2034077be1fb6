// The Japanese UI shows a Japanese string for every translated element and never a raw key
// or a left-over English string.
import fs from "node:fs";
import path from "node:path";
import vm from "node:vm";
import { addOffering, check, checkEqual, openPage, waitForResult } from "../harness.mjs";

function dictionaries() {
    const sandbox = { window: {} };
    vm.runInNewContext(fs.readFileSync(path.join(path.dirname(new URL(import.meta.url).pathname), "..", "i18n.js"), "utf8"), sandbox);
    return sandbox.window.COSTSIM_I18N;
}

export default async function ({ baseUrl, context }) {
    const { en, ja } = dictionaries();
    const { page, problems } = await openPage(context, baseUrl + "/");
    await waitForResult(page);
    await addOffering(page, "vm");          // a second card, translated when added
    await addOffering(page, "cloud_run");
    await page.selectOption("#lang", "ja");
    await waitForResult(page);

    checkEqual(await page.evaluate(() => document.documentElement.lang), "ja", "html lang");
    checkEqual(await page.evaluate(() => window.costsimDebug.missingKeys), [], "keys missing from the ja dictionary");
    // The cards' labels come from the descriptors; i18n.js translates those of these kinds.
    const untranslated = await page.evaluate(() => window.costsimDebug.untranslated);
    checkEqual(untranslated.filter((key) => /^ja:kind(_help)?\.(lambda|vm|cloud_run)\b/.test(key)), [],
               "descriptor texts of the cards on the page left in English");
    const labels = await page.locator(".offering-card label").allTextContents();
    check(labels.includes("関数のメモリ(MB、128〜10,240)"), `the Lambda memory label in Japanese (${labels.slice(0, 6)})`);
    const wrong = await page.evaluate((dict) => {
        const out = [];
        for (const el of document.querySelectorAll("[data-i18n]")) {
            if (el.closest("template")) continue;
            if (el.textContent !== dict[el.dataset.i18n]) out.push(`${el.dataset.i18n}: ${el.textContent}`);
        }
        for (const el of document.querySelectorAll("[data-i18n-aria]")) {
            if (el.getAttribute("aria-label") !== dict[el.dataset.i18nAria]) out.push(`aria ${el.dataset.i18nAria}`);
        }
        return out;
    }, ja);
    checkEqual(wrong, [], "elements not showing their Japanese string");

    const text = await page.evaluate(() => {
        const parts = [document.body.innerText, document.title];
        for (const el of document.querySelectorAll("[aria-label]")) parts.push(el.getAttribute("aria-label"));
        for (const el of document.querySelectorAll("option")) parts.push(el.textContent);
        return parts.join("\n");
    });
    const rawKeys = Object.keys(en).filter((key) => text.includes(key));
    checkEqual(rawKeys, [], "raw translation keys on the page");
    // Long English strings that have a different Japanese string must not be on the page.
    const english = Object.keys(en).filter((key) => en[key] !== ja[key] && en[key].length >= 12 && !en[key].includes("{"))
        .filter((key) => text.includes(en[key]));
    checkEqual(english, [], "English strings left in the Japanese UI");
    const verdict = await page.locator("#verdict").textContent();
    check(/[\u3040-\u30ff\u4e00-\u9faf]/.test(verdict) && verdict.includes("倍"), `a Japanese verdict (${verdict})`);
    check(/[\u3040-\u30ff\u4e00-\u9faf]/.test(await page.locator(".bill thead").first().textContent()), "Japanese bill headers");
    checkEqual(problems, [], "console errors, page errors and failed requests");
}
