import { z } from 'zod';

export const id = z.number().int().positive();
export const qty = z.number().int('Quantity must be a whole number of base units').positive('Quantity must be more than zero');
export const moneyMinor = z.number().int('Money is in whole minor units (pence, cents)').nonnegative('Money cannot be negative');
export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Date must be YYYY-MM-DD');
export const idempotencyKey = z.string().trim().min(1).max(200).optional();
export const docRef = z.string().trim().max(120).optional();
export const note = z.string().trim().max(1000).optional();
export const lotCode = z.string().trim().min(1, 'Lot cannot be empty').max(64).optional();
export const currency = z.string().regex(/^[A-Z]{3}$/, 'Currency is a 3-letter ISO code');
export const page = {
  offset: z.number().int().nonnegative().default(0),
  limit: z.number().int().positive().max(500).default(100),
};
