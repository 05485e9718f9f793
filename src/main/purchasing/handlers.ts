import type { LedgerEnv } from '../ledger/env';
import type { Handlers } from '../core/router';
import { addCharge, landedCost } from './landed-cost';
import { leadTimes } from './lead-times';
import { cancelPo, closeLine, closePo, createDraft, getPo, listPos, sendPo, updateDraft } from './orders';
import { poPdf } from './po-pdf';
import { receivePo, receivingLookup } from './receive';
import { createSupplier, getSupplier, listSupplierItems, listSuppliers, setSupplierItem, updateSupplier } from './suppliers';

type PurchasingMethod = Extract<keyof Handlers, `purchasing.${string}`>;

/** The purchasing methods of the API, for the composition root to spread into its handlers. */
export function purchasingHandlers(env: LedgerEnv): Pick<Handlers, PurchasingMethod> {
  return {
    'purchasing.suppliers.list': (i) => listSuppliers(env, i.all),
    'purchasing.suppliers.get': (i) => getSupplier(env, i.id),
    'purchasing.suppliers.create': (i) => createSupplier(env, i),
    'purchasing.suppliers.update': (i) => updateSupplier(env, i),
    'purchasing.supplierItems.set': (i) => setSupplierItem(env, i),
    'purchasing.supplierItems.list': (i) => listSupplierItems(env, i),
    'purchasing.orders.list': (i) => listPos(env, i),
    'purchasing.orders.get': (i) => getPo(env, i.id),
    'purchasing.orders.createDraft': (i) => createDraft(env, i),
    'purchasing.orders.updateDraft': (i) => updateDraft(env, i),
    'purchasing.orders.send': (i) => sendPo(env, i.id),
    'purchasing.orders.cancel': (i) => cancelPo(env, i),
    'purchasing.orders.close': (i) => closePo(env, i),
    'purchasing.orders.closeLine': (i) => closeLine(env, i),
    'purchasing.pdf': (i) => poPdf(env, i.id),
    'purchasing.receive': (i, c) => receivePo(env, c, i),
    'purchasing.receivingLookup': (i) => receivingLookup(env, i),
    'purchasing.leadTimes': (i) => leadTimes(env, i),
    'purchasing.addCharge': (i, c) => addCharge(env, c, i),
    'purchasing.landedCost': (i) => landedCost(env, i),
  };
}
