// The workspace's package.json is the one place the version is kept; webpack
// inlines just this field.
// eslint-disable-next-line @nx/enforce-module-boundaries -- the workspace manifest, not another project
import { version } from '../../../package.json';

export const APP_VERSION: string = version;
