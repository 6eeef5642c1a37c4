// GENERATED from create-order-request.json by scripts/build/schema-validators.ts (npm run build). Do not edit.
// Ajv standalone code validating { body: <request> }, for @middy/validator's eventSchema.
const ajvRuntime_ucs2length = function ucs2length(str) {
    const len = str.length;
    let length = 0;
    let pos = 0;
    let value;
    while (pos < len) {
        length++;
        value = str.charCodeAt(pos++);
        if (value >= 0xd800 && value <= 0xdbff && pos < len) {
            // high surrogate, and there is a next character
            value = str.charCodeAt(pos);
            if ((value & 0xfc00) === 0xdc00)
                pos++; // low surrogate
        }
    }
    return length;
};
export const validate = validate20;
export default validate20;
const schema31 = {"type":"object","required":["body"],"properties":{"body":{"title":"CreateOrderRequest","description":"Shape of POST /orders. Business rules (amount = sum of lines, known products, limits, currency) are checked by the ValidateOrder state, not here.","type":"object","required":["customerId","customerEmail","currency","items","amount","payment"],"properties":{"customerId":{"type":"string","minLength":1,"maxLength":64,"pattern":"^[A-Za-z0-9_-]+$"},"customerEmail":{"type":"string","minLength":3,"maxLength":254,"pattern":"^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$"},"currency":{"type":"string","pattern":"^[A-Z]{3}$"},"items":{"type":"array","minItems":1,"maxItems":50,"items":{"type":"object","required":["productId","quantity","unitPrice"],"properties":{"productId":{"type":"string","minLength":1,"maxLength":64,"pattern":"^[A-Za-z0-9_-]+$"},"quantity":{"type":"integer","minimum":1,"maximum":1000},"unitPrice":{"type":"number","minimum":0,"maximum":1000000,"multipleOf":0.01,"description":"Whole cents: at most two decimals."}},"additionalProperties":false}},"amount":{"type":"number","minimum":0,"maximum":100000000,"multipleOf":0.01,"description":"Whole cents: at most two decimals; the amount charged."},"payment":{"type":"object","required":["method","token"],"properties":{"method":{"type":"string","enum":["card"]},"token":{"type":"string","minLength":1,"maxLength":128,"pattern":"^[A-Za-z0-9_-]+$"}},"additionalProperties":false},"shippingAddress":{"type":"object","required":["line1","city","postalCode","country"],"properties":{"line1":{"type":"string","minLength":1,"maxLength":200},"line2":{"type":"string","maxLength":200},"city":{"type":"string","minLength":1,"maxLength":100},"postalCode":{"type":"string","minLength":1,"maxLength":20},"country":{"type":"string","pattern":"^[A-Z]{2}$"}},"additionalProperties":false},"notes":{"type":"string","maxLength":500}},"additionalProperties":false}}};
const func1 = ajvRuntime_ucs2length;
const pattern4 = new RegExp("^[A-Za-z0-9_-]+$", "u");
const pattern5 = new RegExp("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$", "u");
const pattern6 = new RegExp("^[A-Z]{3}$", "u");
const pattern9 = new RegExp("^[A-Z]{2}$", "u");

function validate20(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate20.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.body === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "body"},message:"must have required property '"+"body"+"'"};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.body !== undefined){
let data0 = data.body;
if(data0 && typeof data0 == "object" && !Array.isArray(data0)){
if(data0.customerId === undefined){
const err1 = {instancePath:instancePath+"/body",schemaPath:"#/properties/body/required",keyword:"required",params:{missingProperty: "customerId"},message:"must have required property '"+"customerId"+"'"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(data0.customerEmail === undefined){
const err2 = {instancePath:instancePath+"/body",schemaPath:"#/properties/body/required",keyword:"required",params:{missingProperty: "customerEmail"},message:"must have required property '"+"customerEmail"+"'"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
if(data0.currency === undefined){
const err3 = {instancePath:instancePath+"/body",schemaPath:"#/properties/body/required",keyword:"required",params:{missingProperty: "currency"},message:"must have required property '"+"currency"+"'"};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
if(data0.items === undefined){
const err4 = {instancePath:instancePath+"/body",schemaPath:"#/properties/body/required",keyword:"required",params:{missingProperty: "items"},message:"must have required property '"+"items"+"'"};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
if(data0.amount === undefined){
const err5 = {instancePath:instancePath+"/body",schemaPath:"#/properties/body/required",keyword:"required",params:{missingProperty: "amount"},message:"must have required property '"+"amount"+"'"};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
if(data0.payment === undefined){
const err6 = {instancePath:instancePath+"/body",schemaPath:"#/properties/body/required",keyword:"required",params:{missingProperty: "payment"},message:"must have required property '"+"payment"+"'"};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
for(const key0 in data0){
if(!((((((((key0 === "customerId") || (key0 === "customerEmail")) || (key0 === "currency")) || (key0 === "items")) || (key0 === "amount")) || (key0 === "payment")) || (key0 === "shippingAddress")) || (key0 === "notes"))){
const err7 = {instancePath:instancePath+"/body",schemaPath:"#/properties/body/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
if(data0.customerId !== undefined){
let data1 = data0.customerId;
if(typeof data1 === "string"){
if(func1(data1) > 64){
const err8 = {instancePath:instancePath+"/body/customerId",schemaPath:"#/properties/body/properties/customerId/maxLength",keyword:"maxLength",params:{limit: 64},message:"must NOT have more than 64 characters"};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
if(func1(data1) < 1){
const err9 = {instancePath:instancePath+"/body/customerId",schemaPath:"#/properties/body/properties/customerId/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
if(!pattern4.test(data1)){
const err10 = {instancePath:instancePath+"/body/customerId",schemaPath:"#/properties/body/properties/customerId/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9_-]+$"},message:"must match pattern \""+"^[A-Za-z0-9_-]+$"+"\""};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
else {
const err11 = {instancePath:instancePath+"/body/customerId",schemaPath:"#/properties/body/properties/customerId/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
if(data0.customerEmail !== undefined){
let data2 = data0.customerEmail;
if(typeof data2 === "string"){
if(func1(data2) > 254){
const err12 = {instancePath:instancePath+"/body/customerEmail",schemaPath:"#/properties/body/properties/customerEmail/maxLength",keyword:"maxLength",params:{limit: 254},message:"must NOT have more than 254 characters"};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
if(func1(data2) < 3){
const err13 = {instancePath:instancePath+"/body/customerEmail",schemaPath:"#/properties/body/properties/customerEmail/minLength",keyword:"minLength",params:{limit: 3},message:"must NOT have fewer than 3 characters"};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
if(!pattern5.test(data2)){
const err14 = {instancePath:instancePath+"/body/customerEmail",schemaPath:"#/properties/body/properties/customerEmail/pattern",keyword:"pattern",params:{pattern: "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$"},message:"must match pattern \""+"^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$"+"\""};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
else {
const err15 = {instancePath:instancePath+"/body/customerEmail",schemaPath:"#/properties/body/properties/customerEmail/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
if(data0.currency !== undefined){
let data3 = data0.currency;
if(typeof data3 === "string"){
if(!pattern6.test(data3)){
const err16 = {instancePath:instancePath+"/body/currency",schemaPath:"#/properties/body/properties/currency/pattern",keyword:"pattern",params:{pattern: "^[A-Z]{3}$"},message:"must match pattern \""+"^[A-Z]{3}$"+"\""};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
else {
const err17 = {instancePath:instancePath+"/body/currency",schemaPath:"#/properties/body/properties/currency/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
if(data0.items !== undefined){
let data4 = data0.items;
if(Array.isArray(data4)){
if(data4.length > 50){
const err18 = {instancePath:instancePath+"/body/items",schemaPath:"#/properties/body/properties/items/maxItems",keyword:"maxItems",params:{limit: 50},message:"must NOT have more than 50 items"};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
if(data4.length < 1){
const err19 = {instancePath:instancePath+"/body/items",schemaPath:"#/properties/body/properties/items/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items"};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
const len0 = data4.length;
for(let i0=0; i0<len0; i0++){
let data5 = data4[i0];
if(data5 && typeof data5 == "object" && !Array.isArray(data5)){
if(data5.productId === undefined){
const err20 = {instancePath:instancePath+"/body/items/" + i0,schemaPath:"#/properties/body/properties/items/items/required",keyword:"required",params:{missingProperty: "productId"},message:"must have required property '"+"productId"+"'"};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
if(data5.quantity === undefined){
const err21 = {instancePath:instancePath+"/body/items/" + i0,schemaPath:"#/properties/body/properties/items/items/required",keyword:"required",params:{missingProperty: "quantity"},message:"must have required property '"+"quantity"+"'"};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
if(data5.unitPrice === undefined){
const err22 = {instancePath:instancePath+"/body/items/" + i0,schemaPath:"#/properties/body/properties/items/items/required",keyword:"required",params:{missingProperty: "unitPrice"},message:"must have required property '"+"unitPrice"+"'"};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
for(const key1 in data5){
if(!(((key1 === "productId") || (key1 === "quantity")) || (key1 === "unitPrice"))){
const err23 = {instancePath:instancePath+"/body/items/" + i0,schemaPath:"#/properties/body/properties/items/items/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
}
if(data5.productId !== undefined){
let data6 = data5.productId;
if(typeof data6 === "string"){
if(func1(data6) > 64){
const err24 = {instancePath:instancePath+"/body/items/" + i0+"/productId",schemaPath:"#/properties/body/properties/items/items/properties/productId/maxLength",keyword:"maxLength",params:{limit: 64},message:"must NOT have more than 64 characters"};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
if(func1(data6) < 1){
const err25 = {instancePath:instancePath+"/body/items/" + i0+"/productId",schemaPath:"#/properties/body/properties/items/items/properties/productId/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
if(!pattern4.test(data6)){
const err26 = {instancePath:instancePath+"/body/items/" + i0+"/productId",schemaPath:"#/properties/body/properties/items/items/properties/productId/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9_-]+$"},message:"must match pattern \""+"^[A-Za-z0-9_-]+$"+"\""};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
}
else {
const err27 = {instancePath:instancePath+"/body/items/" + i0+"/productId",schemaPath:"#/properties/body/properties/items/items/properties/productId/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
}
if(data5.quantity !== undefined){
let data7 = data5.quantity;
if(!((typeof data7 == "number") && (!(data7 % 1) && !isNaN(data7)))){
const err28 = {instancePath:instancePath+"/body/items/" + i0+"/quantity",schemaPath:"#/properties/body/properties/items/items/properties/quantity/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
if(typeof data7 == "number"){
if(data7 > 1000 || isNaN(data7)){
const err29 = {instancePath:instancePath+"/body/items/" + i0+"/quantity",schemaPath:"#/properties/body/properties/items/items/properties/quantity/maximum",keyword:"maximum",params:{comparison: "<=", limit: 1000},message:"must be <= 1000"};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
if(data7 < 1 || isNaN(data7)){
const err30 = {instancePath:instancePath+"/body/items/" + i0+"/quantity",schemaPath:"#/properties/body/properties/items/items/properties/quantity/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1"};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
}
}
if(data5.unitPrice !== undefined){
let data8 = data5.unitPrice;
if(typeof data8 == "number"){
if(data8 > 1000000 || isNaN(data8)){
const err31 = {instancePath:instancePath+"/body/items/" + i0+"/unitPrice",schemaPath:"#/properties/body/properties/items/items/properties/unitPrice/maximum",keyword:"maximum",params:{comparison: "<=", limit: 1000000},message:"must be <= 1000000"};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
if(data8 < 0 || isNaN(data8)){
const err32 = {instancePath:instancePath+"/body/items/" + i0+"/unitPrice",schemaPath:"#/properties/body/properties/items/items/properties/unitPrice/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
if(!Number.isInteger(data8) && !new RegExp("^-?\\d*\\.\\d{1,2}$").test(String(data8))){
const err33 = {instancePath:instancePath+"/body/items/" + i0+"/unitPrice",schemaPath:"#/properties/body/properties/items/items/properties/unitPrice/multipleOf",keyword:"multipleOf",params:{multipleOf: 0.01},message:"must be multiple of 0.01"};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
}
else {
const err34 = {instancePath:instancePath+"/body/items/" + i0+"/unitPrice",schemaPath:"#/properties/body/properties/items/items/properties/unitPrice/type",keyword:"type",params:{type: "number"},message:"must be number"};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
}
}
else {
const err35 = {instancePath:instancePath+"/body/items/" + i0,schemaPath:"#/properties/body/properties/items/items/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err35];
}
else {
vErrors.push(err35);
}
errors++;
}
}
}
else {
const err36 = {instancePath:instancePath+"/body/items",schemaPath:"#/properties/body/properties/items/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err36];
}
else {
vErrors.push(err36);
}
errors++;
}
}
if(data0.amount !== undefined){
let data9 = data0.amount;
if(typeof data9 == "number"){
if(data9 > 100000000 || isNaN(data9)){
const err37 = {instancePath:instancePath+"/body/amount",schemaPath:"#/properties/body/properties/amount/maximum",keyword:"maximum",params:{comparison: "<=", limit: 100000000},message:"must be <= 100000000"};
if(vErrors === null){
vErrors = [err37];
}
else {
vErrors.push(err37);
}
errors++;
}
if(data9 < 0 || isNaN(data9)){
const err38 = {instancePath:instancePath+"/body/amount",schemaPath:"#/properties/body/properties/amount/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err38];
}
else {
vErrors.push(err38);
}
errors++;
}
if(!Number.isInteger(data9) && !new RegExp("^-?\\d*\\.\\d{1,2}$").test(String(data9))){
const err39 = {instancePath:instancePath+"/body/amount",schemaPath:"#/properties/body/properties/amount/multipleOf",keyword:"multipleOf",params:{multipleOf: 0.01},message:"must be multiple of 0.01"};
if(vErrors === null){
vErrors = [err39];
}
else {
vErrors.push(err39);
}
errors++;
}
}
else {
const err40 = {instancePath:instancePath+"/body/amount",schemaPath:"#/properties/body/properties/amount/type",keyword:"type",params:{type: "number"},message:"must be number"};
if(vErrors === null){
vErrors = [err40];
}
else {
vErrors.push(err40);
}
errors++;
}
}
if(data0.payment !== undefined){
let data10 = data0.payment;
if(data10 && typeof data10 == "object" && !Array.isArray(data10)){
if(data10.method === undefined){
const err41 = {instancePath:instancePath+"/body/payment",schemaPath:"#/properties/body/properties/payment/required",keyword:"required",params:{missingProperty: "method"},message:"must have required property '"+"method"+"'"};
if(vErrors === null){
vErrors = [err41];
}
else {
vErrors.push(err41);
}
errors++;
}
if(data10.token === undefined){
const err42 = {instancePath:instancePath+"/body/payment",schemaPath:"#/properties/body/properties/payment/required",keyword:"required",params:{missingProperty: "token"},message:"must have required property '"+"token"+"'"};
if(vErrors === null){
vErrors = [err42];
}
else {
vErrors.push(err42);
}
errors++;
}
for(const key2 in data10){
if(!((key2 === "method") || (key2 === "token"))){
const err43 = {instancePath:instancePath+"/body/payment",schemaPath:"#/properties/body/properties/payment/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key2},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err43];
}
else {
vErrors.push(err43);
}
errors++;
}
}
if(data10.method !== undefined){
let data11 = data10.method;
if(typeof data11 !== "string"){
const err44 = {instancePath:instancePath+"/body/payment/method",schemaPath:"#/properties/body/properties/payment/properties/method/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err44];
}
else {
vErrors.push(err44);
}
errors++;
}
if(!(data11 === "card")){
const err45 = {instancePath:instancePath+"/body/payment/method",schemaPath:"#/properties/body/properties/payment/properties/method/enum",keyword:"enum",params:{allowedValues: schema31.properties.body.properties.payment.properties.method.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err45];
}
else {
vErrors.push(err45);
}
errors++;
}
}
if(data10.token !== undefined){
let data12 = data10.token;
if(typeof data12 === "string"){
if(func1(data12) > 128){
const err46 = {instancePath:instancePath+"/body/payment/token",schemaPath:"#/properties/body/properties/payment/properties/token/maxLength",keyword:"maxLength",params:{limit: 128},message:"must NOT have more than 128 characters"};
if(vErrors === null){
vErrors = [err46];
}
else {
vErrors.push(err46);
}
errors++;
}
if(func1(data12) < 1){
const err47 = {instancePath:instancePath+"/body/payment/token",schemaPath:"#/properties/body/properties/payment/properties/token/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err47];
}
else {
vErrors.push(err47);
}
errors++;
}
if(!pattern4.test(data12)){
const err48 = {instancePath:instancePath+"/body/payment/token",schemaPath:"#/properties/body/properties/payment/properties/token/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9_-]+$"},message:"must match pattern \""+"^[A-Za-z0-9_-]+$"+"\""};
if(vErrors === null){
vErrors = [err48];
}
else {
vErrors.push(err48);
}
errors++;
}
}
else {
const err49 = {instancePath:instancePath+"/body/payment/token",schemaPath:"#/properties/body/properties/payment/properties/token/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err49];
}
else {
vErrors.push(err49);
}
errors++;
}
}
}
else {
const err50 = {instancePath:instancePath+"/body/payment",schemaPath:"#/properties/body/properties/payment/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err50];
}
else {
vErrors.push(err50);
}
errors++;
}
}
if(data0.shippingAddress !== undefined){
let data13 = data0.shippingAddress;
if(data13 && typeof data13 == "object" && !Array.isArray(data13)){
if(data13.line1 === undefined){
const err51 = {instancePath:instancePath+"/body/shippingAddress",schemaPath:"#/properties/body/properties/shippingAddress/required",keyword:"required",params:{missingProperty: "line1"},message:"must have required property '"+"line1"+"'"};
if(vErrors === null){
vErrors = [err51];
}
else {
vErrors.push(err51);
}
errors++;
}
if(data13.city === undefined){
const err52 = {instancePath:instancePath+"/body/shippingAddress",schemaPath:"#/properties/body/properties/shippingAddress/required",keyword:"required",params:{missingProperty: "city"},message:"must have required property '"+"city"+"'"};
if(vErrors === null){
vErrors = [err52];
}
else {
vErrors.push(err52);
}
errors++;
}
if(data13.postalCode === undefined){
const err53 = {instancePath:instancePath+"/body/shippingAddress",schemaPath:"#/properties/body/properties/shippingAddress/required",keyword:"required",params:{missingProperty: "postalCode"},message:"must have required property '"+"postalCode"+"'"};
if(vErrors === null){
vErrors = [err53];
}
else {
vErrors.push(err53);
}
errors++;
}
if(data13.country === undefined){
const err54 = {instancePath:instancePath+"/body/shippingAddress",schemaPath:"#/properties/body/properties/shippingAddress/required",keyword:"required",params:{missingProperty: "country"},message:"must have required property '"+"country"+"'"};
if(vErrors === null){
vErrors = [err54];
}
else {
vErrors.push(err54);
}
errors++;
}
for(const key3 in data13){
if(!(((((key3 === "line1") || (key3 === "line2")) || (key3 === "city")) || (key3 === "postalCode")) || (key3 === "country"))){
const err55 = {instancePath:instancePath+"/body/shippingAddress",schemaPath:"#/properties/body/properties/shippingAddress/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key3},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err55];
}
else {
vErrors.push(err55);
}
errors++;
}
}
if(data13.line1 !== undefined){
let data14 = data13.line1;
if(typeof data14 === "string"){
if(func1(data14) > 200){
const err56 = {instancePath:instancePath+"/body/shippingAddress/line1",schemaPath:"#/properties/body/properties/shippingAddress/properties/line1/maxLength",keyword:"maxLength",params:{limit: 200},message:"must NOT have more than 200 characters"};
if(vErrors === null){
vErrors = [err56];
}
else {
vErrors.push(err56);
}
errors++;
}
if(func1(data14) < 1){
const err57 = {instancePath:instancePath+"/body/shippingAddress/line1",schemaPath:"#/properties/body/properties/shippingAddress/properties/line1/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err57];
}
else {
vErrors.push(err57);
}
errors++;
}
}
else {
const err58 = {instancePath:instancePath+"/body/shippingAddress/line1",schemaPath:"#/properties/body/properties/shippingAddress/properties/line1/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err58];
}
else {
vErrors.push(err58);
}
errors++;
}
}
if(data13.line2 !== undefined){
let data15 = data13.line2;
if(typeof data15 === "string"){
if(func1(data15) > 200){
const err59 = {instancePath:instancePath+"/body/shippingAddress/line2",schemaPath:"#/properties/body/properties/shippingAddress/properties/line2/maxLength",keyword:"maxLength",params:{limit: 200},message:"must NOT have more than 200 characters"};
if(vErrors === null){
vErrors = [err59];
}
else {
vErrors.push(err59);
}
errors++;
}
}
else {
const err60 = {instancePath:instancePath+"/body/shippingAddress/line2",schemaPath:"#/properties/body/properties/shippingAddress/properties/line2/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err60];
}
else {
vErrors.push(err60);
}
errors++;
}
}
if(data13.city !== undefined){
let data16 = data13.city;
if(typeof data16 === "string"){
if(func1(data16) > 100){
const err61 = {instancePath:instancePath+"/body/shippingAddress/city",schemaPath:"#/properties/body/properties/shippingAddress/properties/city/maxLength",keyword:"maxLength",params:{limit: 100},message:"must NOT have more than 100 characters"};
if(vErrors === null){
vErrors = [err61];
}
else {
vErrors.push(err61);
}
errors++;
}
if(func1(data16) < 1){
const err62 = {instancePath:instancePath+"/body/shippingAddress/city",schemaPath:"#/properties/body/properties/shippingAddress/properties/city/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err62];
}
else {
vErrors.push(err62);
}
errors++;
}
}
else {
const err63 = {instancePath:instancePath+"/body/shippingAddress/city",schemaPath:"#/properties/body/properties/shippingAddress/properties/city/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err63];
}
else {
vErrors.push(err63);
}
errors++;
}
}
if(data13.postalCode !== undefined){
let data17 = data13.postalCode;
if(typeof data17 === "string"){
if(func1(data17) > 20){
const err64 = {instancePath:instancePath+"/body/shippingAddress/postalCode",schemaPath:"#/properties/body/properties/shippingAddress/properties/postalCode/maxLength",keyword:"maxLength",params:{limit: 20},message:"must NOT have more than 20 characters"};
if(vErrors === null){
vErrors = [err64];
}
else {
vErrors.push(err64);
}
errors++;
}
if(func1(data17) < 1){
const err65 = {instancePath:instancePath+"/body/shippingAddress/postalCode",schemaPath:"#/properties/body/properties/shippingAddress/properties/postalCode/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err65];
}
else {
vErrors.push(err65);
}
errors++;
}
}
else {
const err66 = {instancePath:instancePath+"/body/shippingAddress/postalCode",schemaPath:"#/properties/body/properties/shippingAddress/properties/postalCode/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err66];
}
else {
vErrors.push(err66);
}
errors++;
}
}
if(data13.country !== undefined){
let data18 = data13.country;
if(typeof data18 === "string"){
if(!pattern9.test(data18)){
const err67 = {instancePath:instancePath+"/body/shippingAddress/country",schemaPath:"#/properties/body/properties/shippingAddress/properties/country/pattern",keyword:"pattern",params:{pattern: "^[A-Z]{2}$"},message:"must match pattern \""+"^[A-Z]{2}$"+"\""};
if(vErrors === null){
vErrors = [err67];
}
else {
vErrors.push(err67);
}
errors++;
}
}
else {
const err68 = {instancePath:instancePath+"/body/shippingAddress/country",schemaPath:"#/properties/body/properties/shippingAddress/properties/country/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err68];
}
else {
vErrors.push(err68);
}
errors++;
}
}
}
else {
const err69 = {instancePath:instancePath+"/body/shippingAddress",schemaPath:"#/properties/body/properties/shippingAddress/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err69];
}
else {
vErrors.push(err69);
}
errors++;
}
}
if(data0.notes !== undefined){
let data19 = data0.notes;
if(typeof data19 === "string"){
if(func1(data19) > 500){
const err70 = {instancePath:instancePath+"/body/notes",schemaPath:"#/properties/body/properties/notes/maxLength",keyword:"maxLength",params:{limit: 500},message:"must NOT have more than 500 characters"};
if(vErrors === null){
vErrors = [err70];
}
else {
vErrors.push(err70);
}
errors++;
}
}
else {
const err71 = {instancePath:instancePath+"/body/notes",schemaPath:"#/properties/body/properties/notes/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err71];
}
else {
vErrors.push(err71);
}
errors++;
}
}
}
else {
const err72 = {instancePath:instancePath+"/body",schemaPath:"#/properties/body/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err72];
}
else {
vErrors.push(err72);
}
errors++;
}
}
}
else {
const err73 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err73];
}
else {
vErrors.push(err73);
}
errors++;
}
validate20.errors = vErrors;
return errors === 0;
}
validate20.evaluated = {"props":{"body":true},"dynamicProps":false,"dynamicItems":false};
