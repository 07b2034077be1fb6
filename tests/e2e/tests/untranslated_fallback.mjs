// A flag code or line-item kind the page has no translation for is shown in English as the API
// wrote it (the Japanese page never shows a blank or a key). The test rewrites the API's answer
// in the browser to add such a flag and line item.
import { check, checkEqual, openPage, waitForResult } from "../harness.mjs";

export default async function ({ baseUrl, context }) {
    await context.route("**/api/v1/compare", async (route) => {
        const response = await route.fetch();
        const json = await response.json();
        const fleet = json.results[json.results.length - 1];
        fleet.flags.push({ code: "made_up_flag", message: "a flag this page does not know" });
        fleet.line_items.push({ ...fleet.line_items[0], name: "A new kind of charge, tier 2 (over 5 GB)", note: "a new note" });
        await route.fulfill({ response, json });
    });
    const { page, problems } = await openPage(context, baseUrl + "/?lang=ja");
    await waitForResult(page);
    const shown = await page.evaluate(() => {
        const bill = [...document.querySelectorAll(".bill")].pop();
        return {
            flags: [...bill.querySelectorAll(".flags li")].map((li) => [li.dataset.code, li.textContent]),
            items: [...bill.querySelectorAll("tbody th")].map((th) => th.textContent),
        };
    });
    const made = shown.flags.find(([code]) => code === "made_up_flag");
    checkEqual(made && made[1], "a flag this page does not know", "an unknown flag in English");
    check(shown.flags.some(([code, text]) => code === "single_instance" && /[\u3040-\u30ff]/.test(text)),
          "a known flag still in Japanese");
    check(shown.items.includes("A new kind of charge, tier 2 (over 5 GB)a new note"), `an unknown line item in English (${shown.items})`);
    check(shown.items[0].startsWith("インスタンス利用"), "a known line item still in Japanese");
    checkEqual(problems, [], "console errors, page errors and failed requests");
    await context.unroute("**/api/v1/compare");
}
