import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Kind, type OperationDefinitionNode, parse } from 'graphql';
import { projectRoot } from '../../src/config.ts';

/** The listed queries the explorer and GraphiQL send: operations/*.graphql, one per operation. */
export function clientOperations(): {
  name: string;
  document: string;
  definition: OperationDefinitionNode;
}[] {
  const dir = path.join(projectRoot, 'operations');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.graphql'))
    .flatMap((f) => {
      const document = readFileSync(path.join(dir, f), 'utf8');
      return parse(document)
        .definitions.filter(
          (d): d is OperationDefinitionNode =>
            d.kind === Kind.OPERATION_DEFINITION && d.operation === 'query',
        )
        .map((definition) => ({ name: definition.name!.value, document, definition }));
    });
}
