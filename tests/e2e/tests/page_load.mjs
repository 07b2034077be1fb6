// The page loads with no console error, no CSP violation and no failed request, shows a result,
// and every control has an accessible name (labelled for screen readers).
import { check, checkEqual, cspViolations, openPage, waitForResult } from "../harness.mjs";

export default async function ({ baseUrl, context }) {
    const { page, problems } = await openPage(context, baseUrl + "/");
    await waitForResult(page);
    checkEqual(problems, [], "console errors, page errors and failed requests");
    checkEqual(await cspViolations(page), [], "CSP violations");
    check(await page.evaluate(() => typeof window.Chart === "function"), "Chart.js is loaded from /assets/chart.min.js");
    check((await page.locator("#verdict").textContent()).length > 20, "a verdict is shown");
    check(await page.locator(".bill").count() >= 2, "a bill per offering");

    const unlabelled = await page.evaluate(() => {
        const out = [];
        for (const el of document.querySelectorAll("input, select, button, canvas")) {
            if (el.type === "hidden" || el.closest("template")) continue;
            const named = (el.labels && el.labels.length > 0 && el.labels[0].textContent.trim()) ||
                (el.getAttribute("aria-label") || "").trim() || (el.tagName === "BUTTON" && el.textContent.trim());
            if (!named) out.push(el.id || el.outerHTML.slice(0, 80));
        }
        return out;
    });
    checkEqual(unlabelled, [], "controls without an accessible name");

    // Keyboard: a preset is reachable and works with Enter.
    const before = await page.evaluate(() => Number(document.body.dataset.resultSeq));
    await page.focus("#traffic");
    await page.keyboard.press("Tab");   // the unit select
    await page.keyboard.press("Tab");   // first preset (1M/month)
    checkEqual(await page.evaluate(() => document.activeElement.dataset.traffic), "1000000", "Tab reaches the first preset");
    await page.keyboard.press("Enter");
    await waitForResult(page, before);
    checkEqual(await page.inputValue("#traffic-unit"), "month", "Enter on the preset switches to per month");
    checkEqual(problems, [], "errors after the keyboard change");
}
