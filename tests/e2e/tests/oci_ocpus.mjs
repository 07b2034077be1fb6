// OCI shapes are listed by OCPU with their vCPUs: an x86 OCPU is 2 vCPUs, an Arm OCPU 1
// (the catalog's instance.vcpu counts OCPUs for OCI).
import { check, checkEqual, openPage, waitForResult } from "../harness.mjs";

export default async function ({ baseUrl, context }) {
    const { page, problems } = await openPage(context, baseUrl + "/");
    await waitForResult(page);
    const fleet = page.locator('.offering-card[data-kind="vm"]').first();
    await fleet.locator('[data-input="provider"]').selectOption("oci");
    const options = await fleet.locator('[data-input="instance"] option').allTextContents();
    const option = (name) => options.find((text) => text.startsWith(name + ":")) || "";
    check(option("VM.Standard.E4.Flex-1ocpu-16gb").startsWith("VM.Standard.E4.Flex-1ocpu-16gb: 1 OCPU (2 vCPU), 16 GiB, $0.049/"),
          `E4.Flex 1 OCPU = 2 vCPUs (${option("VM.Standard.E4.Flex-1ocpu-16gb")})`);
    check(option("VM.Standard.E4.Flex-2ocpu-32gb").includes(": 2 OCPU (4 vCPU), 32 GiB"), "E4.Flex 2 OCPUs = 4 vCPUs");
    check(option("VM.Standard.A1.Flex-1ocpu-6gb").includes(": 1 OCPU (1 vCPU), 6 GiB"), "A1.Flex (Arm) 1 OCPU = 1 vCPU");
    // Other providers keep vCPUs.
    await fleet.locator('[data-input="provider"]').selectOption("aws");
    const aws = await fleet.locator('[data-input="instance"] option').allTextContents();
    check(aws.some((text) => text.startsWith("t3.micro: 2 vCPU, 1 GiB")), "AWS shows vCPUs");
    check(!aws.some((text) => text.includes("OCPU")), "no OCPUs off OCI");
    await page.selectOption("#lang", "ja");
    await fleet.locator('[data-input="provider"]').selectOption("oci");
    const japanese = await fleet.locator('[data-input="instance"] option').allTextContents();
    check(japanese.some((text) => text.startsWith("VM.Standard.E4.Flex-1ocpu-16gb: 1 OCPU(2 vCPU)、16 GiB")), "the Japanese option");
    checkEqual(problems, [], "console errors, page errors and failed requests");
}
