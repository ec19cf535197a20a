export * from './lib/countries';
export * from './lib/enums';
export * from './lib/errors';
export * from './lib/health';
export * from './lib/locales';
export * from './lib/localized-text';
export * from './lib/pagination';
