import Dashboard from "./dashboard.js";

// Read at request time: the emulator's URL is only known when the test runs.
export const dynamic = "force-dynamic";

export default function Page() {
  return <Dashboard endpoint={process.env.TENCENT_CHAT_ENDPOINT} />;
}
