import { defineConfig } from "@playwright/test";

export default defineConfig({
  testDir: "e2e",
  webServer: [
    {
      command: "npx tencent-chat-emulator --port 8790 --seed demo",
      url: "http://127.0.0.1:8790/_emulator/health",
    },
    {
      command: "npx vite build app && npx vite preview app --port 5180 --strictPort",
      url: "http://127.0.0.1:5180",
    },
  ],
  use: {
    baseURL: "http://127.0.0.1:5180",
    launchOptions: { executablePath: process.env.CHROMIUM }, // a system Chromium, if set
  },
});
