using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TokenVersioning.Domain.Users;

namespace TokenVersioning.Infrastructure.Persistence.Configurations;

internal sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    public void Configure(EntityTypeBuilder<User> builder)
    {
        builder.ToTable("Users");
        builder.HasKey(u => u.Id);
        builder.Property(u => u.Id).ValueGeneratedNever();
        builder.Property(u => u.Email).HasMaxLength(User.EmailMaxLength).IsRequired();
        builder.Property(u => u.NormalizedEmail).HasMaxLength(User.EmailMaxLength).IsRequired();
        builder.HasIndex(u => u.NormalizedEmail).IsUnique();
        builder.Property(u => u.DisplayName).HasMaxLength(User.DisplayNameMaxLength);
        builder.Property(u => u.PasswordHash).HasMaxLength(512).IsRequired();
        builder.PrimitiveCollection(u => u.Roles).IsRequired();
        builder.Property(u => u.TokenVersion).IsRequired();
        builder.Property(u => u.SecuritySalt).HasMaxLength(User.SaltLength).IsFixedLength().IsRequired();
        builder.Property(u => u.SessionEpoch).IsRequired();
        builder.HasIndex(u => u.CreatedAt);
    }
}
