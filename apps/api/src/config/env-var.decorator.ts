/** What the README's environment table says about one variable. */
export interface EnvVarDoc {
  name: string;
  description: string;
  /** The default as a person would write it, or undefined when there is none. */
  default?: string;
}

const registry: EnvVarDoc[] = [];

/**
 * Documents an environment variable where it is declared, so the README table
 * is generated from the schema itself and cannot drift from it.
 */
export function EnvVar(doc: Omit<EnvVarDoc, 'name'>): PropertyDecorator {
  return (_target, propertyKey) => {
    registry.push({ name: String(propertyKey), ...doc });
  };
}

export function documentedEnvVars(): readonly EnvVarDoc[] {
  return registry;
}
