namespace FakeUpstream;

/// <summary>The kinds of output item the fake puts in a Responses API answer.</summary>
internal enum OutputKind
{
    Reasoning,
    FunctionCall,
    Message,
}
