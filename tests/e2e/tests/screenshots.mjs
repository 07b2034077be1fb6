// Screenshots at desktop and phone width (light and dark, with and without a traffic profile), saved under the build directory;
// at phone width nothing overflows sideways; the colours follow prefers-color-scheme.
import path from "node:path";
import { check, checkEqual, openPage, waitForResult } from "../harness.mjs";

const kShots = [
    { name: "desktop-light", viewport: { width: 1366, height: 1000 }, scheme: "light", lang: "en" },
    { name: "desktop-dark-ja", viewport: { width: 1366, height: 1000 }, scheme: "dark", lang: "ja" },
    { name: "phone-light", viewport: { width: 390, height: 844 }, scheme: "light", lang: "en" },
    { name: "phone-dark-ja", viewport: { width: 390, height: 844 }, scheme: "dark", lang: "ja" },
    // a traffic profile: its chart, the figures by the verdict and the instances chart
    { name: "desktop-dark-traffic", viewport: { width: 1366, height: 1000 }, scheme: "dark", lang: "en", traffic: true },
    { name: "phone-light-traffic", viewport: { width: 390, height: 844 }, scheme: "light", lang: "en", traffic: true },
];

export default async function ({ baseUrl, context, out }) {
    const backgrounds = {};
    for (const shot of kShots) {
        const { page, problems } = await openPage(context, baseUrl + "/");
        await page.setViewportSize(shot.viewport);
        await page.emulateMedia({ colorScheme: shot.scheme });
        await waitForResult(page);
        if (shot.lang !== "en") await page.selectOption("#lang", shot.lang);
        if (shot.traffic) {
            await page.selectOption("#traffic-shape", "preset");
            await page.selectOption("#traffic-preset", "weekly");
            await page.fill("#traffic-peak", "1.5");
        }
        await waitForResult(page);
        if (shot.traffic) check(await page.locator("#traffic-box").isVisible(), `${shot.name}: the traffic chart`);
        backgrounds[shot.scheme] = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        check(overflow <= 0, `${shot.name}: the page is ${overflow}px wider than the screen`);
        const target = path.join(out, `${shot.name}.png`);
        await page.screenshot({ path: target, fullPage: true });
        if (shot.viewport.width < 600) {
            await page.screenshot({ path: path.join(out, `${shot.name}-first-screen.png`) });
            // The answer is on the first screen of a phone.
            const box = await page.locator("#verdict").boundingBox();
            check(box && box.y + box.height <= shot.viewport.height, `${shot.name}: the verdict is on the first screen`);
        }
        checkEqual(problems, [], `${shot.name}: errors`);
        console.log(`saved ${target}`);
        await page.close();
    }
    check(backgrounds.light !== backgrounds.dark, `light and dark differ (${backgrounds.light} vs ${backgrounds.dark})`);
}
