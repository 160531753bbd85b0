using System.Text;
using CsCheck;

namespace GluePassRole.Diagnostics.Policies.Tests;

/// <summary>Generated documents round-trip; generated garbage is refused with a PolicyDocumentException, never a crash.</summary>
public class PolicyDocumentPropertyTests
{
    private static readonly Gen<string> Token = Gen.String[Gen.Char["abcXYZ019:/*?-_${}' .é"], 1, 12];

    private static readonly Gen<string[]> Tokens = Token.Array[1, 4];

    private static readonly Gen<string> OperatorName = Gen.Select(
        Gen.Enum<ConditionOperatorKind>(),
        Gen.Enum<ConditionSetQualifier>(),
        Gen.Bool,
        (kind, qualifier, ifExists) => new ConditionOperator(kind, qualifier, ifExists && kind != ConditionOperatorKind.Null).Name);

    private static readonly Gen<string> Key = Gen.String[Gen.Char["abcXYZ019:/-_"], 1, 12];

    private static readonly Gen<PolicyCondition> Condition = Gen.Select(OperatorName, Key, Tokens,
        (op, key, values) => new PolicyCondition(ConditionOperator.Parse(op), key, values));

    private static readonly Gen<PolicyPrincipal?> Principal = Gen.Select(
        Gen.Int[0, 5],
        Gen.OneOf<string>("AWS", "Service", "Federated", "CanonicalUser"),
        Tokens,
        (kind, type, values) => kind switch
        {
            < 3 => null,
            3 => PolicyPrincipal.Anyone,
            _ => PolicyPrincipal.Of(type, values),
        });

    private static readonly Gen<PolicyStatement> Statement = Gen.Select(
        Gen.Select(Gen.Bool, Token, (hasSid, sid) => hasSid ? sid : null),
        Gen.Enum<Effect>(),
        Gen.Bool,
        Tokens,
        Gen.Int[0, 2],
        Tokens,
        Principal,
        Condition.Array[0, 3],
        (sid, effect, notAction, actions, resourceKind, resources, principal, conditions) => new PolicyStatement
        {
            Sid = sid,
            Effect = effect,
            Action = notAction ? null : actions,
            NotAction = notAction ? actions : null,
            Resource = resourceKind == 1 ? resources : null,
            NotResource = resourceKind == 2 ? resources : null,
            Principal = principal,
            // The writer groups by operator, so a generated document keeps one entry per operator/key pair.
            Conditions = conditions.DistinctBy(c => (c.Operator, c.Key)).ToArray(),
        });

    private static readonly Gen<PolicyDocument> Document = Gen.Select(
        Gen.Int[0, 2].Select(i => i switch { 0 => null, 1 => PolicyDocument.Version2012, _ => (string?)PolicyDocument.Version2008 }),
        Gen.Select(Gen.Bool, Token, (hasId, id) => hasId ? id : null),
        Statement.Array[0, 4],
        (version, id, statements) => new PolicyDocument { Version = version, Id = id, Statements = statements });

    [Fact]
    public void ToJson_GeneratedDocuments_RoundTrip()
    {
        Document.Sample(document =>
        {
            var json = document.ToJson();
            var reparsed = PolicyDocument.Parse(json);
            Assert.Equal(json, reparsed.ToJson());
            Assert.Equal(document.ToJson(indented: false), reparsed.ToJson(indented: false));
            Assert.Equal(json, PolicyDocument.Parse(Uri.EscapeDataString(json)).ToJson());
        }, iter: 2_000);
    }

    [Fact]
    public void Parse_MutatedDocuments_ThrowOnlyPolicyDocumentException()
    {
        var mutated = Gen.Select(Document, Gen.Int[0, 3], Gen.Int, Gen.Char["{}[]\":,\\ tnf0%"], (document, kind, position, c) =>
        {
            var json = document.ToJson(indented: false);
            var at = (int)((uint)position % (uint)(json.Length + 1));
            return kind switch
            {
                0 => json.Remove(Math.Min(at, json.Length - 1), 1),
                1 => json.Insert(at, c.ToString()),
                2 => json[..at],
                _ => json.Replace('"', c),
            };
        });

        mutated.Sample(AssertParsesOrRefuses, iter: 5_000);
    }

    [Fact]
    public void Parse_RandomBytes_ThrowOnlyPolicyDocumentException()
    {
        Gen.Byte.Array[0, 200].Sample(bytes =>
        {
            try
            {
                PolicyDocument.Parse(bytes);
            }
            catch (PolicyDocumentException)
            {
            }
        }, iter: 5_000);
    }

    [Fact]
    public void Parse_WrongElementTypes_ThrowOnlyPolicyDocumentException()
    {
        var value = Gen.OneOf<string>("1", "true", "null", "\"x\"", "[]", "{}", "[1]", "[\"a\"]", "{\"a\":1}", "{\"a\":[]}", "{\"a\":{\"b\":null}}");
        var element = Gen.OneOf<string>("Version", "Id", "Statement", "Sid", "Effect", "Action", "NotAction", "Resource", "NotResource", "Principal", "NotPrincipal", "Condition");
        Gen.Select(element, value, element, value, (e1, v1, e2, v2) =>
            $$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","{{e1}}":{{v1}},"{{e2}}":{{v2}}}]}""").Sample(AssertParsesOrRefuses, iter: 3_000);
    }

    private static void AssertParsesOrRefuses(string json)
    {
        try
        {
            var document = PolicyDocument.Parse(json);
            Assert.Equal(document.ToJson(), PolicyDocument.Parse(document.ToJson()).ToJson());
        }
        catch (PolicyDocumentException ex)
        {
            Assert.False(string.IsNullOrEmpty(ex.JsonPath));
            Assert.StartsWith("$", ex.JsonPath, StringComparison.Ordinal);
            _ = Encoding.UTF8.GetByteCount(ex.Message);
        }
    }
}
