import { Param, PipeTransform } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { ProblemException } from '../problem/problem.exception';

class UuidPipe implements PipeTransform<string, string> {
  constructor(private readonly name: string) {}

  transform(value: string): string {
    if (!isUUID(value)) throw ProblemException.invalidField(this.name, 'IS_UUID', 'validation.isUuid');
    return value;
  }
}

/** A path parameter that must be a UUID; anything else is a 400 naming the parameter. */
export const UuidParam = (name: string) => Param(name, new UuidPipe(name));
