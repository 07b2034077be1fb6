// "What would flip it": POST /api/v1/flip's statements for the page's comparison, told as plain
// sentences in English and Japanese, in the API's order, each with the API's value; the duration,
// memory and traffic flips worked by hand below.
import { apiPost, check, checkEqual, cspViolations, openPage, waitForResult } from "../harness.mjs";

async function waitForFlip(page) {
    await page.waitForFunction(() => document.body.dataset.state === "ready" &&
        document.getElementById("flip-box").dataset.key === window.costsimDebug.inputsKey());
}

export default async function ({ baseUrl, context }) {
    const { page, problems } = await openPage(context, baseUrl + "/?lang=en");
    const flipBodies = [];
    page.on("request", (r) => { if (r.url().endsWith("/api/v1/flip")) flipBodies.push(JSON.parse(r.postData())); });
    await waitForResult(page);
    await waitForFlip(page);

    // 10M requests a month, 100 ms, no response bytes, free tiers off: Lambda 512 MB against the
    // page's t3.micro fleet (one instance, with its public IPv4 address), us-east-1 prices:
    //   Lambda   10,000,000 x $0.20/M = $2, plus 10,000,000 x d/1000 s x 0.5 GB x $0.0000166667
    //            = $0.0833335 per billed ms of d: $10.33335 at 100 ms
    //   fleet    730 h x $0.0104 + 730 h x $0.005 (IPv4) = $7.592 + $3.65 = $11.242
    //   duration 2 + 0.0833335 d = 11.242 at d = 110.90 ms; Lambda bills whole ms, so at 110 ms it
    //            is $11.1667 (cheaper) and anything above bills 111 ms, $11.2500: the flip is 110 ms
    //   memory   2 + 10,000,000 x 0.1 s x (M/1024) GB x $0.0000166667 = 2 + 0.0162760742 M = 11.242
    //            at M = 567.8: the first whole MB past it is 568 MB
    //   traffic  R x (0.2e-6 + 0.1 x 0.5 x 0.0000166667) = R x $1.033335e-6 = $11.242 at
    //            R = 10,879,337 a month = 4.14 requests/s (2,628,000 s a month)
    await page.fill("#traffic", "10000000");
    await page.selectOption("#traffic-unit", "month");
    await page.fill("#response-kb", "0");
    await page.uncheck("#free-tier");
    await waitForResult(page);
    await waitForFlip(page);

    const items = await page.$$eval("#flip-list li", (lis) => lis.map((li) => ({
        input: li.dataset.input, value: Number(li.dataset.value), then: li.dataset.thenCheapest, text: li.textContent })));
    const api = await apiPost(baseUrl, "/api/v1/flip", flipBodies.at(-1));
    checkEqual(api.status, 200, "the API's status for the page's body");
    const report = api.json();
    checkEqual(items.map((i) => [i.input, i.value, i.then]),
               report.statements.map((s) => [s.input, s.value, s.then_cheapest]), "the sentences are the API's statements, in order");
    checkEqual(items.map((i) => i.input), ["requests_per_second", "duration_ms", "offerings[0].memory_mb"],
               "traffic, duration, memory: smallest change first");
    const duration = items.find((i) => i.input === "duration_ms");
    check(Math.abs(duration.value - 110) < 1e-6, `the duration flip worked by hand: 110 ms (${duration.value})`);
    checkEqual(duration.text, "AWS Lambda stays cheaper unless the duration passes 110 ms; then VM fleet t3.micro is cheaper (now 100 ms, +10%).",
               "the duration sentence");
    const memory = items.find((i) => i.input === "offerings[0].memory_mb");
    checkEqual(memory.value, 568, "the memory flip worked by hand");
    checkEqual(memory.text, "AWS Lambda stays cheaper unless the memory of AWS Lambda reaches 568 MB; then VM fleet t3.micro is cheaper (now 512 MB, +11%).",
               "the memory sentence");
    const traffic = items.find((i) => i.input === "requests_per_second");
    check(Math.abs(traffic.value - 11.242 / 1.033335e-6 / 2628000) < 1e-6, `the traffic flip worked by hand (${traffic.value})`);
    checkEqual(traffic.text, "AWS Lambda stays cheaper unless the traffic passes 4.14 requests/s; then VM fleet t3.micro is cheaper (now 3.81 requests/s, +8.8%).",
               "the traffic sentence");

    // Japanese: the same statements in Japanese words.
    await page.selectOption("#lang", "ja");
    const ja = await page.$$eval("#flip-list li", (lis) => lis.map((li) => li.textContent));
    checkEqual(ja.length, items.length, "as many sentences in Japanese");
    check(ja[1].startsWith("実行時間が 110 ms を超えない限り AWS Lambda が安いまま。超えると ") && ja[1].endsWith("が安くなる (現在 100 ms、+10%)。"),
          `the duration sentence in Japanese (${ja[1]})`);
    check(ja[2].includes("のメモリが 568 MB に達しない限り"), `the memory sentence in Japanese (${ja[2]})`);
    checkEqual(await page.locator("#flip-heading").textContent(), "判定が変わる条件", "the heading in Japanese");
    await page.selectOption("#lang", "en");

    // Under a traffic profile the search re-simulates the month at every value: it waits for the button.
    const before = flipBodies.length;
    await page.selectOption("#traffic-shape", "preset");
    await waitForResult(page);
    await waitForFlip(page);
    check(await page.locator("#flip-run").isVisible(), "the button to work it out under a profile");
    checkEqual(await page.locator("#flip-list li").count(), 0, "no stale sentences under a profile");
    checkEqual(flipBodies.length, before, "no flip request until asked");
    await page.selectOption("#traffic-shape", "none");
    await waitForResult(page);
    await waitForFlip(page);
    check(await page.locator("#flip-run").isHidden(), "flat traffic: worked out at once again");
    checkEqual(await page.locator("#flip-list li").count(), items.length, "the sentences are back");

    // One offering: nothing to flip, said so.
    await page.locator('.offering-card[data-kind="vm"] [data-action="remove"]').click();
    await waitForResult(page);
    await waitForFlip(page);
    checkEqual(await page.locator("#flip-list li").count(), 0, "no sentence with one offering");
    checkEqual(await page.locator("#flip-note").textContent(), "With one offering there is nothing to flip.", "the note");

    checkEqual(await cspViolations(page), [], "CSP violations");
    checkEqual(problems, [], "console errors, page errors and failed requests");
}
