using System.Globalization;

namespace FakeUpstream;

/// <summary>Everything one Responses API answer says: ids, output items and their texts, token counts.</summary>
internal sealed class ResponseAnswer
{
    public ResponseAnswer(ResponsesBehavior behavior, long callNumber, long createdAt)
    {
        Behavior = behavior;
        CreatedAt = createdAt;
        var suffix = behavior.BodyHash + "_" + callNumber.ToString(CultureInfo.InvariantCulture);
        Id = "resp_" + suffix;
        MessageId = "msg_" + suffix;
        FunctionCallId = "fc_" + suffix;
        ReasoningId = "rs_" + suffix;

        var items = new List<OutputKind>();
        if (behavior.Directives.Reasoning)
        {
            items.Add(OutputKind.Reasoning);
        }

        items.Add(behavior.Directives.Tool ? OutputKind.FunctionCall : OutputKind.Message);
        Items = items;
    }

    public ResponsesBehavior Behavior { get; }
    public long CreatedAt { get; }
    public string Id { get; }
    public string MessageId { get; }
    public string FunctionCallId { get; }
    public string ReasoningId { get; }

    /// <summary>Output items in order: a reasoning item with [[reasoning]], then a function call ([[tool]]) or a message.</summary>
    public IReadOnlyList<OutputKind> Items { get; }

    public string Text => Behavior.Content;

    /// <summary>The reasoning item's one summary part.</summary>
    public string ReasoningSummary => "thinking about: " + Behavior.LastUserText;

    public int ReasoningTokens => Behavior.Directives.Reasoning ? RequestJson.CountWords(ReasoningSummary) : 0;

    /// <summary>Visible output (text or function arguments) plus reasoning, as OpenAI counts output tokens.</summary>
    public int OutputTokens =>
        RequestJson.CountWords(Behavior.Directives.Tool ? ChatResponses.ToolArguments : Text) + ReasoningTokens;

    public int CachedTokens => Math.Min(Behavior.Directives.CachedTokens, Behavior.InputTokens);

    public string ItemId(OutputKind kind) => kind switch
    {
        OutputKind.Reasoning => ReasoningId,
        OutputKind.FunctionCall => FunctionCallId,
        _ => MessageId,
    };
}
