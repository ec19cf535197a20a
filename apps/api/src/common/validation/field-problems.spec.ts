import { Type } from 'class-transformer';
import { IsEmail, IsIn, IsInt, IsString, Length, Max, Min, ValidateNested } from 'class-validator';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { toFieldProblems } from './field-problems';

class Item {
  @IsEmail()
  email: string;
}

class Body {
  @IsString()
  @Length(2, 10)
  name: string;

  @IsInt()
  @Min(1)
  @Max(200)
  limit: number;

  @IsIn(['camp', 'course'])
  kind: string;

  @ValidateNested({ each: true })
  @Type(() => Item)
  items: Item[];
}

function problems(plain: object) {
  const errors = validateSync(plainToInstance(Body, plain), { whitelist: true, forbidNonWhitelisted: true });
  return toFieldProblems(errors);
}

describe('toFieldProblems', () => {
  it('names each failed rule with its field, code, message key and parameters', () => {
    const result = problems({ name: 'x', limit: 500, kind: 'party', items: [{ email: 'a@b.co' }, { email: 'nope' }] });
    expect(result).toEqual(
      expect.arrayContaining([
        { field: 'name', code: 'IS_LENGTH', messageKey: 'validation.isLength', params: { min: '2', max: '10' } },
        { field: 'limit', code: 'MAX', messageKey: 'validation.max', params: { max: '200' } },
        { field: 'kind', code: 'IS_IN', messageKey: 'validation.isIn', params: { values: 'camp, course' } },
        { field: 'items[1].email', code: 'IS_EMAIL', messageKey: 'validation.isEmail', params: {} },
      ]),
    );
    expect(result).toHaveLength(4);
  });

  it('reports unknown fields as UNKNOWN_FIELD', () => {
    const result = problems({ name: 'Somchai', limit: 5, kind: 'camp', items: [], role: 'admin' });
    expect(result).toEqual([
      { field: 'role', code: 'UNKNOWN_FIELD', messageKey: 'validation.unknownField', params: {} },
    ]);
  });
});
