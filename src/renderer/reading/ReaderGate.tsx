/** Reading is gated by sign-in (src/renderer/auth): the reading workspace keeps its old entry point. */
export { SignInGate as ReaderGate } from '../auth/SignInGate';
