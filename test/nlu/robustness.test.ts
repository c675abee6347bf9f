import { MAX_UNKNOWN } from '../../dialogs/understanding/items';
import { items, read } from './helpers';

describe('what the understanding keeps out', () => {
  it('names unknown products back, a few and the most product-like', () => {
    expect(read('2 Tacker und 3 Stühle')).toMatchObject({ unknown: ['Tacker'], intent: 'order' });
    expect(items(read('2 Tacker und 3 Stühle'))).toEqual([['CHAIR-ERGO', 3]]);
    const words = ['Tacker', 'Locher', 'Ordner', 'Kulis', 'Marker', 'Hefter', 'Scheren', 'Lineale', 'Radierer', 'Mappen'];
    const long = Array.from({ length: 60 }, (_, i) => `${i + 2} ${words[i % words.length].toLowerCase()} und`).join(' ') + ` 3 Stühle ${'bla '.repeat(900)}`;
    expect(long.length).toBeGreaterThan(4000);
    const u = read(long);
    expect(u.unknown.length).toBeLessThanOrEqual(MAX_UNKNOWN);
    expect(items(u)).toEqual([['CHAIR-ERGO', 3]]);
    expect(read('Bitte 5 Ordner und 2 Kulis').unknown).toEqual(['Ordner', 'Kulis']);
  });

  it('reads no cancellation into markup or SQL', () => {
    const u = read("<script>alert('x')</script> 2 chairs'; DROP TABLE orders;--", 'en');
    expect(u).toMatchObject({ intent: 'order', order: null });
    expect(items(u)).toEqual([['CHAIR-ERGO', 2]]);
    expect(read('DROP TABLE orders', 'en').intent).toBe('other');
    expect(read('3 Stühle; DELETE FROM orders').intent).toBe('order');
  });

  it('cancels on a clear cue with an order reference or an own order', () => {
    expect(read('delete order 1004', 'en')).toMatchObject({ intent: 'cancel_order', order: '1004' });
    expect(read('bitte meine Bestellung löschen')).toMatchObject({ intent: 'cancel_order' });
    expect(read('Bestellung stornieren')).toMatchObject({ intent: 'cancel_order' });
  });

  it('understands both languages whatever the session speaks', () => {
    expect(items(read('two chairs please', 'de'))).toEqual([['CHAIR-ERGO', 2]]);
    expect(items(read('2 Stühle bitte', 'en'))).toEqual([['CHAIR-ERGO', 2]]);
    expect(read('Auftrag 1011 stornieren', 'en')).toMatchObject({ intent: 'cancel_order', order: '1011' });
    expect(read('ja', 'en').confirm).toBe(true);
    expect(read('nope', 'de').confirm).toBe(false);
  });

  it('stays fast on a long message', () => {
    const text = 'Hallo, wir bräuchten 10 Pakete Papier und 2 Monitore 27 Zoll an die Baustraße 5, 12345 Berlin bis Freitag. '.repeat(40);
    read(text);
    const started = process.hrtime.bigint();
    for (let i = 0; i < 5; i++) read(text);
    const ms = Number(process.hrtime.bigint() - started) / 1e6 / 5;
    expect(ms).toBeLessThan(250);
  });
});
