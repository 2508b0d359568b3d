import { test, expect } from "@playwright/test";

test.beforeEach(async ({ request }) => {
  await request.post("http://127.0.0.1:8790/_emulator/reset", { data: { seed: "demo" } });
});

test("lists alice's conversations, pinned first", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("listitem")).toHaveCount(100);
  await expect(page.getByRole("listitem").first()).toContainText("📌");
});
