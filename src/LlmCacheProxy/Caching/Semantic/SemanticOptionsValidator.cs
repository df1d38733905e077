using Microsoft.Extensions.Options;

namespace LlmCacheProxy.Caching.Semantic;

/// <summary>Reports every error at once; with local embeddings on, a missing model stops start-up with the command that builds it.</summary>
internal sealed class SemanticOptionsValidator : IValidateOptions<SemanticOptions>
{
    public ValidateOptionsResult Validate(string? name, SemanticOptions options)
    {
        var errors = new List<string>();
        if (!(options.Threshold is > 0f and <= 1f))
        {
            errors.Add("Cache:Semantic:Threshold must be above 0 and at most 1.");
        }

        if (options.Neighbors is < 1 or > 100)
        {
            errors.Add("Cache:Semantic:Neighbors must be between 1 and 100.");
        }

        if (options.MaxIndexBytes <= 0)
        {
            errors.Add("Cache:Semantic:MaxIndexBytes must be positive.");
        }

        if (options.MaxRejectedPairs < 1)
        {
            errors.Add("Cache:Semantic:MaxRejectedPairs must be positive.");
        }

        if (!Enum.IsDefined(options.Embeddings))
        {
            errors.Add("Cache:Semantic:Embeddings must be 'upstream' or 'local'.");
        }

        if (options.Enabled && options.Embeddings == EmbeddingsMode.Upstream && string.IsNullOrWhiteSpace(options.UpstreamModel))
        {
            errors.Add("Cache:Semantic:UpstreamModel must name an embedding model when Embeddings is 'upstream'.");
        }

        if (options.Enabled && options.Embeddings == EmbeddingsMode.Local)
        {
            if (string.IsNullOrWhiteSpace(options.LocalEmbeddingsPath))
            {
                errors.Add("Cache:Semantic:LocalEmbeddingsPath must name a folder when Embeddings is 'local'.");
            }
            else if (LocalEmbeddingsLoader.FindProblem(LocalEmbeddingsLoader.ResolveFolder(options.LocalEmbeddingsPath)) is { } problem)
            {
                errors.Add(problem);
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
