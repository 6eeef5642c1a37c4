/** Simulated shipping: a carrier, a tracking number and a delivery estimate derived from the order. */
import type { Fulfilment } from './order';
import { unitHash } from './payment-simulator';

export const CARRIERS = ['UPS', 'FedEx', 'DHL', 'USPS'] as const;
const DELIVERY_DAYS = { min: 2, max: 5 };

export const planShipment = (orderId: string, now: Date): Fulfilment => {
  const carrier = CARRIERS[Math.floor(unitHash(`${orderId}:carrier`) * CARRIERS.length)] ?? CARRIERS[0];
  const days = DELIVERY_DAYS.min + Math.floor(unitHash(`${orderId}:days`) * (DELIVERY_DAYS.max - DELIVERY_DAYS.min + 1));
  return {
    carrier,
    trackingNumber: `${carrier.slice(0, 2).toUpperCase()}${orderId.replace(/[^A-Za-z0-9]/g, '').slice(0, 12).toUpperCase()}`,
    estimatedDelivery: addBusinessDays(now, days).toISOString().slice(0, 10),
  };
};

export const addBusinessDays = (from: Date, days: number): Date => {
  const date = new Date(from.getTime());
  let left = days;
  while (left > 0) {
    date.setUTCDate(date.getUTCDate() + 1);
    const weekday = date.getUTCDay();
    if (weekday !== 0 && weekday !== 6) left--;
  }
  return date;
};
