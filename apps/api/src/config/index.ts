export { AppConfig, InvalidConfigError, loadConfig } from './app-config';
export { ConfigModule } from './config.module';
