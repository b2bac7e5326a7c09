import { expect, test } from "./fixtures";
import { signIn } from "./helpers";

test("the console says on every page that it is talking to a simulated Sinch", async ({ page }) => {
  await page.goto("/login");
  await expect(page.getByRole("status", { name: "Sandbox mode" })).toContainText("simulated Sinch");
  await expect(page.getByRole("heading", { name: "Sandbox demo accounts" })).toBeVisible();
  await signIn(page, "admin");
  await expect(page.getByRole("status", { name: "Sandbox mode" })).toBeVisible();
  for (const path of ["/users", "/conferences/anything"]) {
    await page.goto(path);
    await expect(page.getByRole("status", { name: "Sandbox mode" })).toBeVisible();
  }
});

test("each demo account signs in with one click", async ({ page }) => {
  await page.goto("/login");
  await page.getByRole("button", { name: "Sign in as support" }).click();
  await expect(page.getByTestId("signed-in-as")).toContainText("(Support)");
});
