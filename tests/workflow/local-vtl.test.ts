/**
 * API Gateway mapping templates (VTL) as the local stack renders them: velocityjs with API Gateway's $input,
 * $util, $context and Java String methods, and Velocity's own semantics where velocityjs differs.
 */
import { compileMappingTemplate, escapeJavaScript, MappingTemplateError, type MappingInput } from '../../src/local/emulator/http/vtl';

const input = (body: unknown, context: Record<string, unknown> = {}, params: Partial<MappingInput['params']> = {}): MappingInput => ({
  body: typeof body === 'string' ? body : JSON.stringify(body),
  params: { path: {}, querystring: {}, header: {}, ...params },
  context,
});
const render = (template: string, body: unknown = {}, context: Record<string, unknown> = {}): string => compileMappingTemplate(template, 'test')(input(body, context));

describe('mapping templates (VTL)', () => {
  test('a request template escapes the body into a JSON string, as $util.escapeJavaScript does', () => {
    const body = JSON.stringify({ note: `it's "quoted" / back\\slash`, n: 1 });
    const template = `{"stateMachineArn": "arn:sm", "input": "$util.escapeJavaScript($input.json('$')).replaceAll("\\\\'", "'")"}`;

    const out = render(template, body);

    expect(JSON.parse(JSON.parse(out).input as string)).toEqual(JSON.parse(body));
    expect(escapeJavaScript(`a'b"\n\u00e9`)).toBe(`a\\'b\\"\\n\\u00E9`);
  });

  test('#set, #if/#elseif/#else and $context.responseOverride', () => {
    const template = [
      "#set($status = $input.path('$.status'))",
      "#if($status == 'SUCCEEDED')",
      "$input.path('$.output')",
      "#elseif($status == 'FAILED' && $input.path('$.error') == 'ValidationError')",
      '#set($context.responseOverride.status = 400)',
      "$input.path('$.cause')",
      '#else',
      '#set($context.responseOverride.status = 500)',
      '{"message":"Internal error"}',
      '#end',
    ].join('\n');
    const run = (result: Record<string, unknown>) => {
      const context: Record<string, unknown> = { responseOverride: {} };
      const out = render(template, result, context);
      return [out.trim(), (context.responseOverride as { status?: number }).status];
    };

    expect(run({ status: 'SUCCEEDED', output: '{"total":1}' })).toEqual(['{"total":1}', undefined]);
    expect(run({ status: 'FAILED', error: 'ValidationError', cause: '{"message":"bad"}' })).toEqual(['{"message":"bad"}', 400]);
    expect(run({ status: 'TIMED_OUT' })).toEqual(['{"message":"Internal error"}', 500]);
  });

  test('an unsupported construct is an error when the template is compiled, naming it, not a silent mis-render', () => {
    expect(() => compileMappingTemplate('$util.nope()', 'POST /x')).toThrow(/POST \/x: \$util\.nope is not supported/);
    expect(() => compileMappingTemplate('$input.headers', 'POST /x')).toThrow(/\$input\.headers is not supported/);
    expect(() => compileMappingTemplate('#if($a)', 'POST /x')).toThrow(MappingTemplateError);
    expect(() => compileMappingTemplate('#if($a)x#end#end tail', 'POST /x')).toThrow(/do not pair up/);
    expect(() => compileMappingTemplate('#include("other.vm")', 'POST /x')).toThrow(/#include is not supported/);
    expect(() => compileMappingTemplate('#set($m = "a $util.nope(1) b")', 'POST /x')).toThrow(/\$util\.nope is not supported/);
    expect(() => compileMappingTemplate('#set($a = -$b)', 'POST /x')).toThrow(MappingTemplateError);
  });

  test('a method that java.lang.String lacks fails the render with the template named', () => {
    expect(() => render("$input.path('$.a').nope()", { a: 'x' })).toThrow(/Mapping template of test: .*nope/);
  });

  test('#foreach over lists, maps and ranges (both directions), with $foreach.hasNext', () => {
    expect(render('#foreach($x in $input.path(\'$.items\'))$x.id#if($foreach.hasNext),#end#end', { items: [{ id: 'a' }, { id: 'b' }] })).toBe('a,b');
    expect(render('#foreach($i in [1..3])$i#end|#foreach($i in [3..1])$i#end')).toBe('123|321');
  });

  test('#break leaves the loop and #stop ends the rendering, as in Velocity', () => {
    expect(render('#foreach($x in [1,2,3])$x#if($x == 2)#break#end#end')).toBe('12');
    expect(render('a#if(true)#stop#end b')).toBe('a');
    expect(render('a#{stop} b')).toBe('a');
  });

  test('macros', () => {
    expect(render('#macro(field $name $value)"$name":"$value"#end{#field("a" "1"),#field("b" $input.path(\'$.b\'))}', { b: 'x' })).toBe('{"a":"1","b":"x"}');
  });

  test("truthiness is Velocity's: only null and false are false, so #if('') and #if(0) are true", () => {
    expect(render("#if('')yes#{else}no#end #if(0)yes#{else}no#end #if($input.path('$.none'))yes#{else}no#end #if(!false && '')yes#end")).toBe('yes yes no yes');
    expect(render('#set($q = 7 / 2)$q')).toBe('3');
  });

  test('$input.path / $input.json use JSONPath, and a path that selects nothing renders nothing', () => {
    const body = { order: { items: [{ sku: 'a', n: 1 }, { sku: 'b', n: 2 }] } };

    expect(render("$input.json('$.order.items[1]')", body)).toBe('{"sku":"b","n":2}');
    expect(render("$input.json('$.order.items[*].sku')", body)).toBe('["a","b"]');
    expect(render("$input.path('$.order.items[0].sku')", body)).toBe('a');
    expect(render("[$input.path('$.missing.deep')][$input.path('$.order.items[5].sku')][$input.json('$.missing')]", body)).toBe('[][][null]');
  });

  test('$input.params, $input.body, $context and the other $util functions', () => {
    const template = "$input.params('id') $input.params('q') $input.params().header.h $input.body $context.stage $util.urlEncode('a b') $util.urlDecode('a%20b') $util.base64Encode('hi') $util.base64Decode('aGk=') $util.parseJson('{\"k\":1}').k";

    const out = compileMappingTemplate(template, 'test')(input('raw', { stage: 'prod' }, { path: { id: '7' }, querystring: { q: 'z' }, header: { h: 'v' } }));

    expect(out).toBe('7 z v raw prod a%20b a b aGk= hi 1');
  });

  test('Java String methods: regex replaceAll, length(), contains(), matches()', () => {
    expect(render("#set($s = 'a.b.c')$s.replaceAll('\\.', '-') $s.replaceFirst('[a-z]', 'X') $s.length() $s.contains('b') $s.matches('[a-z.]+') $s.isEmpty()")).toBe(
      'a-b-c X.b.c 5 true true false',
    );
  });
});
