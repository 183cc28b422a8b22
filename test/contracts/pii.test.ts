import { describe, expect, it } from 'vitest';
import { CONTRACTS } from '../../src/contracts/index.js';
import { isPiiColumn, maskRawLine, piiColumns } from '../../src/contracts/pii.js';

describe('personal data in the contracts', () => {
  it('is declared once, on the columns: email and names of users, nothing else', () => {
    expect(piiColumns('users')).toEqual(['email', 'first_name', 'last_name']);
    expect(CONTRACTS.filter((c) => c.name !== 'users').flatMap((c) => piiColumns(c.name))).toEqual([]);
    expect(isPiiColumn('bronze.users', 'email')).toBe(true);
    expect(isPiiColumn('users', 'first_name')).toBe(true);
    expect(isPiiColumn('bronze.users', 'city')).toBe(false);
    expect(isPiiColumn('bronze.movies', 'email')).toBe(false);
  });

  it('masks the PII fields of a raw line by the file header, keeping quoting, other fields and the line ending', () => {
    const header = ['user_id', 'first_name', 'last_name', 'email', 'age', 'city'];
    expect(maskRawLine('users', 'user_00001,Ann,"Lee, Jr.",ann@x.com,abc,"Springfield, OH"\r\n', header)).toBe(
      'user_00001,[first_name masked],[last_name masked],[email masked],abc,"Springfield, OH"\r\n',
    );
    // A blank PII field stays blank (nothing to hide, and the blank is what the reader needs to see).
    expect(maskRawLine('users', 'user_00001,,Lee,ann@x.com,abc,Town', header)).toBe(
      'user_00001,,[last_name masked],[email masked],abc,Town',
    );
  });

  it('masks every field that is not plainly impersonal when the fields do not line up with the header', () => {
    expect(maskRawLine('users', 'user_00002,bob@x.com,Bob,Smith,36.0,Female,2023-01-01,True')).toBe(
      'user_00002,[field masked],[field masked],[field masked],36.0,Female,2023-01-01,True',
    );
    // Tables without personal data are shown as they are.
    expect(maskRawLine('movies', 'movie_0001,Some Title,x')).toBe('movie_0001,Some Title,x');
  });
});
