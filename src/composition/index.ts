export { composeApplication, maxRequestBodyBytes, type Application } from './composeApplication';
export { composeBot, type BotHooks, type ComposedBot } from './composeBot';
export type { Features } from './features';
export type { ApplicationParts } from './parts';
