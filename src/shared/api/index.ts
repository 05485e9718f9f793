import type { z } from 'zod';
import { catalogApi } from './catalog';
import { countsApi } from './counts';
import { devicesApi } from './devices';
import { locationsApi } from './locations';
import { ordersApi } from './orders';
import { planningApi } from './planning';
import { purchasingApi } from './purchasing';
import { reportsApi } from './reports';
import { returnsApi } from './returns';
import { stockApi } from './stock';
import { systemApi } from './system';

export const api = { ...systemApi, ...catalogApi, ...locationsApi, ...stockApi, ...devicesApi, ...purchasingApi, ...ordersApi, ...planningApi, ...reportsApi, ...returnsApi, ...countsApi };
export type Api = typeof api;
export type MethodName = keyof Api;
export type Input<M extends MethodName> = z.input<Api[M]['input']>;
export type ParsedInput<M extends MethodName> = z.output<Api[M]['input']>;
export type Output<M extends MethodName> = z.output<Api[M]['output']>;

export const isMethodName = (name: string): name is MethodName => Object.prototype.hasOwnProperty.call(api, name);

export * from './catalog';
export * from './locations';
export * from './orders';
export * from './planning';
export * from './purchasing';
export * from './reports';
export * from './returns';
export * from './counts';
export * from './stock';
export * from './system';
export * from './common';
export * from './devices';
