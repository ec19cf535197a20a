export * from './contexts';
export * from './document-loader';
export * from './sign';
export * from './verify';
export * from './status-list';
