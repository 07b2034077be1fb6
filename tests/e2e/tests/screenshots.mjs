// Screenshots at desktop and phone width (light and dark), saved under the build directory;
// at phone width nothing overflows sideways; the colours follow prefers-color-scheme.
import path from "node:path";
import { check, checkEqual, openPage, waitForResult } from "../harness.mjs";

const kShots = [
    { name: "desktop-light", viewport: { width: 1366, height: 1000 }, scheme: "light", lang: "en" },
    { name: "desktop-dark-ja", viewport: { width: 1366, height: 1000 }, scheme: "dark", lang: "ja" },
    { name: "phone-light", viewport: { width: 390, height: 844 }, scheme: "light", lang: "en" },
    { name: "phone-dark-ja", viewport: { width: 390, height: 844 }, scheme: "dark", lang: "ja" },
];

export default async function ({ baseUrl, context, out }) {
    const backgrounds = {};
    for (const shot of kShots) {
        const { page, problems } = await openPage(context, baseUrl + "/");
        await page.setViewportSize(shot.viewport);
        await page.emulateMedia({ colorScheme: shot.scheme });
        await waitForResult(page);
        if (shot.lang !== "en") await page.selectOption("#lang", shot.lang);
        await waitForResult(page);
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
