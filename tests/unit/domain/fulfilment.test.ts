import { addBusinessDays, CARRIERS, planShipment } from '../../../src/domain/fulfilment';

const monday = new Date('2026-05-25T09:00:00.000Z');

describe('planShipment', () => {
  it('books a known carrier, a tracking number from the order id and a delivery 2 to 5 business days out', () => {
    const shipment = planShipment('0f8fad5b-d9cb-469f-a165-70867728950e', monday);

    expect(CARRIERS).toContain(shipment.carrier);
    expect(shipment.trackingNumber).toBe(`${shipment.carrier.slice(0, 2).toUpperCase()}0F8FAD5BD9CB`);
    expect(['2026-05-27', '2026-05-28', '2026-05-29', '2026-06-01']).toContain(shipment.estimatedDelivery);
  });

  it('gives a retried FulfillOrder the same shipment', () => {
    expect(planShipment('order-0001', monday)).toEqual(planShipment('order-0001', monday));
  });

  it('uses every carrier and every delivery window across many orders', () => {
    const shipments = Array.from({ length: 400 }, (_, i) => planShipment(`order-${i}`, monday));

    expect(new Set(shipments.map((s) => s.carrier))).toEqual(new Set(CARRIERS));
    expect(new Set(shipments.map((s) => s.estimatedDelivery)).size).toBe(4);
  });

  it('keeps only letters and digits of odd order ids in the tracking number', () => {
    const { trackingNumber, carrier } = planShipment('ab/../c d✓e', monday);

    expect(trackingNumber).toBe(`${carrier.slice(0, 2).toUpperCase()}ABCDE`);
  });
});

describe('addBusinessDays', () => {
  it('skips the weekend', () => {
    const friday = new Date('2026-05-29T12:00:00.000Z');

    expect(addBusinessDays(friday, 1).toISOString()).toBe('2026-06-01T12:00:00.000Z');
    expect(addBusinessDays(friday, 5).toISOString()).toBe('2026-06-05T12:00:00.000Z');
  });

  it('counts from a weekend day to the next business day', () => {
    const saturday = new Date('2026-05-30T00:00:00.000Z');

    expect(addBusinessDays(saturday, 1).toISOString().slice(0, 10)).toBe('2026-06-01');
  });

  it('returns the same instant for zero days, without changing its argument', () => {
    const from = new Date(monday.getTime());

    expect(addBusinessDays(from, 0).getTime()).toBe(monday.getTime());
    addBusinessDays(from, 3);
    expect(from.getTime()).toBe(monday.getTime());
  });
});
